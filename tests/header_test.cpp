// Compiles the public header alone as C++ (-pedantic): it must need nothing else.
#include <geopol.h>

int geopol_header_test(void);
int geopol_header_test(void)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	return (int)q.version + (int)e.version;
}
