/*
 * main.c - the geopol command: option parsing, the database to use, the
 * command table with its --help texts, and dispatch.
 *
 * Exit status: 0 success (an empty answer is a success), 1 failure (bad
 * data, unknown entity, I/O), 2 usage error.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GEOPOL_BUILD_DB
#define GEOPOL_BUILD_DB "geopol.db"
#endif
#ifndef GEOPOL_INSTALLED_DB
#define GEOPOL_INSTALLED_DB "/usr/local/share/geopol/geopol.db"
#endif
#ifndef GEOPOL_DATA_REL
#define GEOPOL_DATA_REL "../share/geopol"
#endif

#define ENTITY_NOTE "ENTITY, ORG, A, B, X and Y take a code (KAZ, CSTO) or any name in any script\n" \
	"(Kazakhstan, كازاخستان, Казахстан); a name that fits several entities is an error.\n"

const command cli_commands[] = {
	{"init", cmd_init, 0, 1, 1, DB_NONE, "init FILE",
	 "Create an empty geopol database in FILE (an existing one is migrated, never emptied).\n"
	 "Example: geopol init my.db"},
	{"import", cmd_import, OPT_SKIP | OPT_OWN_FORMAT, 1, -1, DB_WRITE,
	 "import FILE... [--format NAME] [--skip-bad-rows] [--release]",
	 "Import files into the database (--db), all in one transaction: all or nothing.\n"
	 "  --format NAME      json (the geopol dataset format, the default), cow-states,\n"
	 "                     cow-igo, atop, cameo, icews, gdelt; dataset files may be\n"
	 "                     compressed (.gz, or a .zip holding one file)\n"
	 "  --skip-bad-rows    skip malformed rows (each reported on stderr) instead of failing\n"
	 "  --release          the files are a new release of a dataset imported before:\n"
	 "                     changed rows are corrected, rows it no longer has retracted\n"
	 "A progress bar is drawn on stderr when it is a terminal; a one-line summary\n"
	 "goes to stderr at the end.\n"
	 "Example: geopol --db my.db import data/*.json"},
	{"resolve", cmd_resolve, 0, 1, 1, DB_READ, "resolve NAME",
	 "The entities a code or name may mean, best first, with the stored name that\n"
	 "matched, its language and a score (1.0 exact; lower for typos and variants).\n"
	 "Example: geopol resolve 'كازاخستان'"},
	{"show", cmd_show, 0, 1, 1, DB_READ, "show ENTITY [--at DATE]",
	 "An entity: its kind and dates, its names, and its memberships and relations\n"
	 "at DATE.\nExample: geopol show Kazakhstan --at 2022-01-06"},
	{"members", cmd_members, 0, 1, 1, DB_READ, "members ORG [--at DATE]",
	 "The members of an organization at DATE, with their roles and legal stages:\n"
	 "de jure by default (suspended and frozen members too), --de-facto for those\n"
	 "taking part, --stages had_ratified for the states that had ratified.\n"
	 "Example: geopol members CSTO --at 2022-01-06"},
	{"memberships", cmd_memberships, 0, 1, 1, DB_READ, "memberships ENTITY [--at DATE]",
	 "The organizations an entity belongs to at DATE.\nExample: geopol memberships KAZ --at 2022"},
	{"common", cmd_common, 0, 2, 2, DB_READ, "common A B [--at DATE]",
	 "The organizations both A and B belong to at DATE: two rows per organization\n"
	 "(A's membership, then B's).\nExample: geopol common KAZ RUS --at 2022-06-01"},
	{"pledges", cmd_pledges, 0, 2, 3, DB_READ, "pledges A B [OBLIGATION] [--at DATE]",
	 "The alliances in which A pledges OBLIGATION (defense, the default; offense,\n"
	 "neutrality, non_aggression, consultation) while B is a member at DATE: two rows\n"
	 "per alliance (A's membership, then B's). The obligations are each member's own\n"
	 "(ATOP member-level data: an asymmetric alliance binds its members differently).\n"
	 "Example: geopol pledges TUR GBR --at 1840-08-01"},
	{"relations", cmd_relations, 0, 1, 2, DB_READ, "relations ENTITY [OTHER] [--at DATE]",
	 "The relations of an entity (or between two) at DATE: alliances, partnerships,\n"
	 "sanctions... A directed type is shown 'type ->' (A acts on B).\n"
	 "Example: geopol relations KAZ RUS --at 2026-01-01"},
	{"events", cmd_events, OPT_SPAN | OPT_EVENTS, 0, 0, DB_READ,
	 "events [--actor X] [--with Y] [--type T] [--quad Q] [--from D] [--to D] [--text S] [--limit N]",
	 "Events in date order.\n"
	 "  --actor X   X among the actors      --with Y   Y among them too (needs --actor)\n"
	 "  --type T    CAMEO code; a prefix matches its subtypes (04 -> 042, 043...)\n"
	 "  --from D    dated on or after D     --to D     dated before D\n"
	 "  --text S    S in a title or description, any language\n"
	 "  --limit N   at most N events\n"
	 "  --quad Q    the dataset's QuadClass (GDELT): 1 verbal cooperation, 2 material\n"
	 "              cooperation, 3 verbal conflict, 4 material conflict\n"
	 "With --format json each event of GDELT or ICEWS carries its dataset's own fields\n"
	 "under \"details\" (QuadClass, NumMentions, AvgTone, coordinates, actor codes...).\n"
	 "Example: geopol events --actor KAZ --from 2022-01 --to 2022-02"},
	{"history", cmd_history, OPT_SPAN, 2, 2, DB_READ, "history A B [--from D] [--to D]",
	 "The history of a pair: the relations that held between A and B and the events\n"
	 "both took part in, in date order, over [--from, --to) (open ends by default).\n"
	 "Example: geopol history KAZ RUS"},
	{"diff", cmd_diff, OPT_SPAN | OPT_ENTITY, 0, 0, DB_READ,
	 "diff --from D1 --to D2 [--entity X]",
	 "What changed between D1 and D2: memberships joined and left, relations started\n"
	 "and ended (a changed relation shows as one ended and one started), and the\n"
	 "events dated in [D1, D2). --entity X keeps the facts that involve X.\n"
	 "Example: geopol diff --from 2021-12-31 --to 2025-12-31 --entity KAZ"},
	{"coding-rank", cmd_coding_rank, 0, 1, 2, DB_WRITE_AT_MAX, "coding-rank NAME [RANK]",
	 "The rank of a coding in the database (--db), or set it to RANK. For each\n"
	 "(organization, member) pair, the membership questions answer from the coding\n"
	 "of lowest rank that has rows for the pair: curated (the JSON dataset) is 0, an\n"
	 "imported dataset's coding (cow-igo-3, atop-4 phase 1...) 100 unless set.\n"
	 "Example: geopol --db my.db coding-rank -- cow-igo-3 -1"},
	{"neighbors", cmd_neighbors, OPT_DEPTH, 1, 1, DB_READ, "neighbors ENTITY [--depth K] [--at DATE]",
	 "The entities reachable from ENTITY through memberships and relations valid at\n"
	 "DATE, up to K hops (default 1, at most 10): the edge that first reached each,\n"
	 "with its depth and the entity it was reached from.\nExample: geopol neighbors KAZ --depth 2"},
	{"path", cmd_path, 0, 2, 2, DB_READ, "path A B [--at DATE]",
	 "A shortest chain of memberships and relations from A to B, every hop valid at\n"
	 "DATE (at most 6 hops). No path is a failure (exit 1).\nExample: geopol path KAZ TUR"},
	{"export", cmd_export, OPT_SPAN | OPT_OUTPUT | OPT_OWN_FORMAT | OPT_FOCUS | OPT_DEPTH, 0, 0,
	 DB_READ,
	 "export [--format F] [--at DATE | --from D --to D] [FOCUS] [-o FILE]",
	 "The graph at DATE (nodes, then edges), streamed to stdout or FILE.\n"
	 "  --format F   json (default; one document), ndjson (one object a line),\n"
	 "               csv (one table: record,id,kind,... see README), graphml,\n"
	 "               gexf (dynamic, with spells for Gephi's timeline),\n"
	 "               dot (Graphviz source), svg or png (a picture, laid out),\n"
	 "               html (one page: the network with a time slider)\n"
	 "  --from D --to D   every format but json and ndjson: everything that held\n"
	 "               at some time in [D, D2), each interval clipped to it\n"
	 "  --gexf-version V  1.3 (default, Gephi) or 1.2 (networkx 2.x)\n"
	 "  -o FILE      write FILE whole (or not at all on error) instead of stdout\n"
	 "FOCUS (lists are comma-separated; ENTITY and ORG take names too):\n"
	 "  --around ENTITY,...   only what lies within --depth K hops of them (default 1)\n"
	 "  --kinds K,...         only entities of these kinds: state, organization,\n"
	 "                        person, other\n"
	 "  --orgs ORG,...        only these organizations (without --around: they and\n"
	 "                        their members)\n"
	 "  --types T,...         only relations of these types (memberships stay)\n"
	 "Example: geopol export --format svg --around KAZ --at 2022-01-06 -o kaz.svg"},
	{"panel", cmd_panel, OPT_SPAN | OPT_OUTPUT | OPT_OWN_FORMAT | OPT_PANEL, 0, 0, DB_READ,
	 "panel --from D --to D [--unit U] [--population P] [--codes L] [--focus L] [--vars L] [--rule R] [--rule-file F] [-o FILE]",
	 "A panel: one row per state or dyad and year (or month), streamed as CSV (the\n"
	 "column names, then the rows: pandas.read_csv and R's read.csv load it as it is)\n"
	 "or NDJSON (a first {\"panel\":...} object naming the rule and the columns).\n"
	 "See README \"Panels\" for every variable.\n"
	 "  --from D --to D   the periods that begin in [D, D2): --from 2015 --to 2026 is 2015-2025\n"
	 "  --unit U          state-year, dyad-year (default; undirected, a before b by code),\n"
	 "                    directed-dyad-year, state-month, dyad-month, directed-dyad-month\n"
	 "  --population P    all (every state or pair of states alive), list (--codes and\n"
	 "                    their pairs), shared (pairs that share an organization, a\n"
	 "                    relation or an event in the period; the default for dyads)\n"
	 "  --codes LIST      comma-separated entities for --population list\n"
	 "  --focus LIST      only the units that include one of these\n"
	 "  --vars LIST       comma-separated: shared, shared:kind=K, shared:orgs=A+B,\n"
	 "                    member:ORG, memberships, alliance, rel:TYPE, rel:TYPE.ATTR,\n"
	 "                    events, quad, root, root:NN, goldstein\n"
	 "  --rule R          midpoint (default: a membership or relation counts when it holds\n"
	 "                    on 1 July, or the 15th of a month) or any-day (on some day of it)\n"
	 "  --rule-file F     also write the rule the values follow, in one line, into F\n"
	 "  --definite        count definite facts only (no _possible columns)\n"
	 "  --known-on D      as the database knew it at the end of D\n"
	 "Example: geopol panel --from 2015 --to 2026 --focus KAZ --vars shared,rel:trade,quad"},
	{"check", cmd_check, 0, 0, -1, DB_READ, "check [DIR...]",
	 "Facts that contradict each other or the model, each naming the record and\n"
	 "why: errors (a membership or relation outside the life of its entities,\n"
	 "one name for two entities of one kind in one language, overlapping rows\n"
	 "of one coding, a suspension overlapping a membership, a quote that is not\n"
	 "in its source's file) and warnings (a person without a name in ar, ru,\n"
	 "kk, en, tr or zh; a dataset coding's row outside a state's life). A\n"
	 "source's relative file is looked for under each DIR in turn (default: the\n"
	 "current directory); a summary goes to stderr. Exit 1 when there are errors.\n"
	 "Example: geopol check ../shared/seeds ."},
	{"copy", cmd_copy, 0, 1, 2, DB_NONE, "copy [SRC] DST",
	 "Copy a whole database into DST, a new SQLite file or an empty PostgreSQL\n"
	 "database (postgresql://... or postgresql:CONNINFO), or back: every fact, name,\n"
	 "event, source and citation, every version in recorded time, every id. SRC is\n"
	 "the database read (default: --db, else the built-in dataset). All or nothing:\n"
	 "a DST that is not empty is refused, and a failed copy leaves DST as it was\n"
	 "(a file it created is removed). The row count goes to stderr.\n"
	 "Example: geopol copy my.db postgresql:///geopol"},
	{"uncited", cmd_uncited, 0, 0, 0, DB_READ, "uncited [--known-on DATE]",
	 "The facts that cite no source, one a row: memberships, relations, events and\n"
	 "names, each with its fact id and what it says. The model allows a fact without\n"
	 "a citation; this is how to find them. A count goes to stderr; exit 0.\n"
	 "Example: geopol uncited --format csv"},
	{"sql", cmd_sql, 0, 1, 1, DB_READ, "sql STATEMENT",
	 "Run one SQL statement that only reads (SELECT, WITH, VALUES) on the database\n"
	 "and print its rows (--format text, json or csv). The views have readable\n"
	 "columns: v_entities, v_names, v_memberships, v_relations, v_events,\n"
	 "v_event_actors, v_citations, v_sources (codes, names of roles and kinds, ISO\n"
	 "dates; see README, \"SQL views\"). A statement that writes is refused.\n"
	 "Example: geopol sql \"SELECT member, role, from_date FROM v_memberships WHERE org = 'CSTO'\""},
	{"demo", cmd_demo, OPT_OUTPUT, 0, 0, DB_READ, "demo [-o FILE]",
	 "A guided tour of the built-in dataset: the CSTO on the day it deployed to\n"
	 "Kazakhstan (2022-01-06), Kazakhstan's organizations then and now, the\n"
	 "Kazakhstan-Russia history, what changed for Kazakhstan from 2021-12-31 to\n"
	 "2025-12-31, and a GEXF snapshot for Gephi (./kazakhstan-2022-01-06.gexf, or -o FILE).\n"
	 "Example: geopol demo"},
	{NULL, NULL, 0, 0, 0, 0, NULL, NULL},
};

static const char common_help[] =
	"Common options:\n"
	"  --db FILE          the database (default: $GEOPOL_DB, else the built-in dataset)\n"
	"  --at DATE          the date asked about: 2022, 2022-01 or 2022-01-06 (default today)\n"
	"  --known-on DATE    answer as the database knew it at the end of DATE\n"
	"  --definite         leave out the rows that only possibly hold at DATE\n"
	"                     (events: whose date only possibly lies in --from/--to)\n"
	"  --de-facto         memberships taking part (not suspended or frozen); the\n"
	"                     default answers de jure\n"
	"  --stages LIST      memberships in these stages, comma-separated: in_force,\n"
	"                     signed, ratified, suspended, frozen, withdrawal_notified,\n"
	"                     withdrawn, or de_jure, de_facto, had_signed, had_ratified, all\n"
	"  --coding NAME      memberships of one coding only (curated, cow-igo-3...)\n"
	"  --all-codings      memberships of every coding side by side (default: for\n"
	"                     each pair, the best-ranked coding; see coding-rank)\n"
	"  --format F         text (default, aligned), json (one document) or csv\n"
	"  --lang TAG         language of event titles (default en)\n"
	"  --no-header        text and csv: no header row\n"
	"  --sources          text: each source on its own line with its quote (default:\n"
	"                     a row's sources folded on one line)\n"
	"  -h, --help         this help\n";

int cli_print_help(FILE *f, const command *cmd)
{
	if (cmd) {
		fprintf(f, "Usage: geopol [--db FILE] %s\n\n%s\n\n%s%s", cmd->synopsis, cmd->help,
			common_help, ENTITY_NOTE);
		return CLI_OK;
	}
	fputs("Usage: geopol [--db FILE] COMMAND [ARGS] [OPTIONS]\n\n"
	      "The relations between states, organizations and people over time.\n\nCommands:\n", f);
	for (const command *k = cli_commands; k->name; k++)
		fprintf(f, "  %s\n", k->synopsis);
	fprintf(f, "\n%s  --version          the version, then exit (before a command)\n%s\nExit status: 0 success (an empty answer too), 1 failure (bad data,\n"
		"unknown entity, I/O), 2 usage error.\n"
		"Run 'geopol COMMAND --help' for a command's details.\n", common_help, ENTITY_NOTE);
	return CLI_OK;
}

/* ---- options */

typedef struct optdef {
	const char *name;
	int arg;       /* takes a value */
	size_t off;    /* const char * (arg) or int (flag) member of struct cli */
	unsigned bit;  /* OPT_* needed */
} optdef;

#define O(field) offsetof(cli, field)
static const optdef optdefs[] = {
	{"--db", 1, O(db_path), OPT_COMMON}, {"--at", 1, O(at_s), OPT_COMMON},
	{"--known-on", 1, O(known_s), OPT_COMMON}, {"--definite", 0, O(definite), OPT_COMMON},
	{"--format", 1, O(format_s), OPT_COMMON}, {"--lang", 1, O(lang), OPT_COMMON},
	{"--no-header", 0, O(no_header), OPT_COMMON}, {"--sources", 0, O(sources), OPT_COMMON}, {"--help", 0, O(help), OPT_COMMON}, {"-h", 0, O(help), OPT_COMMON},
	{"--from", 1, O(from_s), OPT_SPAN}, {"--to", 1, O(to_s), OPT_SPAN},
	{"--actor", 1, O(actor), OPT_EVENTS}, {"--with", 1, O(with), OPT_EVENTS},
	{"--type", 1, O(type), OPT_EVENTS}, {"--text", 1, O(text), OPT_EVENTS},
	{"--limit", 1, O(limit_s), OPT_EVENTS}, {"--quad", 1, O(quad_s), OPT_EVENTS}, {"--entity", 1, O(entity), OPT_ENTITY},
	{"--depth", 1, O(depth_s), OPT_DEPTH}, {"-o", 1, O(output), OPT_OUTPUT},
	{"--output", 1, O(output), OPT_OUTPUT}, {"--skip-bad-rows", 0, O(skip_bad_rows), OPT_SKIP},
	{"--release", 0, O(release), OPT_SKIP},
	{"--unit", 1, O(unit_s), OPT_PANEL}, {"--population", 1, O(population_s), OPT_PANEL},
	{"--codes", 1, O(codes_s), OPT_PANEL}, {"--focus", 1, O(focus_s), OPT_PANEL},
	{"--vars", 1, O(vars_s), OPT_PANEL}, {"--rule", 1, O(rule_s), OPT_PANEL},
	{"--rule-file", 1, O(rule_file), OPT_PANEL},
	{"--de-facto", 0, O(de_facto), OPT_COMMON}, {"--stages", 1, O(stages_s), OPT_COMMON},
	{"--coding", 1, O(coding), OPT_COMMON}, {"--all-codings", 0, O(all_codings), OPT_COMMON},
	{"--around", 1, O(around), OPT_FOCUS}, {"--kinds", 1, O(kinds_s), OPT_FOCUS},
	{"--orgs", 1, O(orgs), OPT_FOCUS}, {"--types", 1, O(types), OPT_FOCUS},
	{"--gexf-version", 1, O(gexf_s), OPT_FOCUS},
};

static const optdef *find_opt(const char *arg, size_t len)
{
	for (size_t i = 0; i < sizeof optdefs / sizeof optdefs[0]; i++)
		if (strlen(optdefs[i].name) == len && strncmp(optdefs[i].name, arg, len) == 0)
			return &optdefs[i];
	return NULL;
}

static int usage(const cli *c, const char *fmt, const char *what)
{
	fputs("geopol: ", stderr);
	if (c->cmd)
		fprintf(stderr, "%s: ", c->cmd->name);
	fprintf(stderr, fmt, what);
	fprintf(stderr, " (see 'geopol %s%s--help')\n", c->cmd ? c->cmd->name : "", c->cmd ? " " : "");
	return CLI_USAGE;
}

/* One option at argv[*i]; *i moves past its value. */
static int take_option(cli *c, char **argv, int argc, int *i, unsigned allowed)
{
	const char *arg = argv[*i];
	const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
	const optdef *o = find_opt(arg, eq ? (size_t)(eq - arg) : strlen(arg));
	if (!o || !(o->bit & allowed))
		return usage(c, "unknown option '%s'", arg);
	char *field = (char *)c + o->off;
	if (!o->arg) {
		if (eq)
			return usage(c, "option '%s' takes no value", arg);
		*(int *)(void *)field = 1;
		return CLI_OK;
	}
	const char *val = eq ? eq + 1 : NULL;
	if (!val) {
		if (*i + 1 >= argc)
			return usage(c, "option '%s' needs a value", arg);
		val = argv[++*i];
	}
	*(const char **)(void *)field = val;
	return CLI_OK;
}

static int is_option(const char *arg)
{
	return arg[0] == '-' && arg[1] != '\0';
}

/* Options and positional arguments after the command, in any order; "--"
 * ends the options. */
static int parse_args(cli *c, char **argv, int argc, int first)
{
	unsigned allowed = c->cmd->opts | OPT_COMMON;
	int options_done = 0;
	for (int i = first; i < argc; i++) {
		if (!options_done && strcmp(argv[i], "--") == 0) {
			options_done = 1;
		} else if (!options_done && is_option(argv[i])) {
			int rc = take_option(c, argv, argc, &i, allowed);
			if (rc)
				return rc;
		} else {
			c->pos[c->npos++] = argv[i];
		}
	}
	return CLI_OK;
}

static const command *find_command(const char *name)
{
	for (const command *k = cli_commands; k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

/* ---- the database */

/* Whether two paths name the same file or directory (symlinks and all). */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The directory of the running binary into dir (PATH_MAX); 0 if unknown. */
static int exe_dir(char *dir)
{
	ssize_t n = readlink("/proc/self/exe", dir, PATH_MAX - 1);
	if (n <= 0)
		return 0;
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	return 1;
}

/* Room for a directory of PATH_MAX and a file name under it. */
#define DB_PATH_SIZE (2 * PATH_MAX)

/* The built-in dataset, into buf (DB_PATH_SIZE): the build tree's copy for the
 * binary in the build tree; once installed, the one found relative to the
 * binary (so that any prefix works), else $GEOPOL_DATA/geopol.db. When
 * none exists, the first place looked at (for the error message). */
static const char *builtin_db(char *buf)
{
	char dir[PATH_MAX], build[] = GEOPOL_BUILD_DB;
	char *slash = strrchr(build, '/');
	int known = exe_dir(dir);
	if (slash)
		*slash = '\0';
	if (known && slash && same_file(build, dir)) {
		snprintf(buf, DB_PATH_SIZE, "%s", GEOPOL_BUILD_DB);
		return buf;
	}
	const char *data = getenv("GEOPOL_DATA");
	if (known) {
		char rel[PATH_MAX + 64], real[PATH_MAX];
		snprintf(rel, sizeof rel, "%s/%s", dir, GEOPOL_DATA_REL);
		snprintf(buf, DB_PATH_SIZE, "%s/geopol.db", realpath(rel, real) ? real : rel);
		if (access(buf, F_OK) == 0 || !data || !*data)
			return buf;
	}
	if (data && *data)
		snprintf(buf, DB_PATH_SIZE, "%s/geopol.db", data);
	else
		snprintf(buf, DB_PATH_SIZE, "%s", GEOPOL_INSTALLED_DB);
	return buf;
}

/* The built-in dataset is shared (and installed read-only): writes need a
 * file of one's own. */
static int refuse_builtin(const char *what, const char *path)
{
	return cli_error(CLI_USAGE, "%s: %s is the built-in dataset, which is never written: "
			 "give --db FILE (a new one: 'geopol init FILE')", what, path);
}

int cli_not_builtin(const char *what, const char *path)
{
	char builtin[DB_PATH_SIZE];
	return same_file(path, builtin_db(builtin)) ? refuse_builtin(what, path) : CLI_OK;
}

/* Whether --db names a database on a server rather than a file: the
 * library's rule (gp_pg_claims, lib/store/store.h), repeated here since
 * the tool uses the public API only. */
static int server_db(const char *path)
{
	return strncmp(path, "postgresql:", 11) == 0 || strncmp(path, "postgres:", 9) == 0;
}

int cli_open_db(cli *c, int mode)
{
	char builtin[DB_PATH_SIZE];
	int rc;
	const char *path = c->db_path;
	if (!path)
		path = getenv("GEOPOL_DB");
	if (!path || !*path)
		path = builtin_db(builtin);
	if (mode == DB_WRITE_AT_MAX)
		mode = c->npos == c->cmd->max_pos ? DB_WRITE : DB_READ;
	if (mode == DB_WRITE &&
	    (rc = path == builtin ? refuse_builtin(c->cmd->name, path) : cli_not_builtin(c->cmd->name, path)))
		return rc;
	if (mode == DB_READ && !server_db(path) && access(path, F_OK) != 0)
		return cli_error(CLI_FAIL, "%s: no such database file (%s)", path,
				 path == builtin ? "the built-in dataset: give --db FILE or set GEOPOL_DATA"
						 : "create one with 'geopol init'");
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = mode == DB_READ;
	rc = geopol_open(&c->db, path, &o);
	if (rc) {
		cli_db_error(c, rc);
		geopol_close(c->db);
		c->db = NULL;
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* ---- the common options, checked once for every command */

/* --de-facto, --stages, --coding, --all-codings into the query. */
static int setup_memberships(cli *c)
{
	if (c->de_facto && c->stages_s)
		return cli_error(CLI_USAGE, "--de-facto and --stages cannot both be given");
	if (c->coding && c->all_codings)
		return cli_error(CLI_USAGE, "--coding and --all-codings cannot both be given");
	if (c->de_facto)
		c->q.stages = GEOPOL_STAGES_DE_FACTO;
	if (c->stages_s && cli_stages("--stages", c->stages_s, &c->q.stages))
		return CLI_USAGE;
	if (c->all_codings)
		c->q.flags |= GEOPOL_ALL_CODINGS;
	c->q.coding = c->coding;
	return CLI_OK;
}

static int setup(cli *c)
{
	if (!(c->cmd->opts & OPT_OWN_FORMAT) && c->format_s) {
		static const char *const names[] = {"text", "json", "csv"};
		c->format = -1;
		for (int i = 0; i < 3; i++)
			if (strcmp(c->format_s, names[i]) == 0)
				c->format = i;
		if (c->format < 0)
			return usage(c, "--format must be text, json or csv, not '%s'", c->format_s);
	}
	if (c->npos < c->cmd->min_pos || (c->cmd->max_pos >= 0 && c->npos > c->cmd->max_pos))
		return usage(c, "usage: geopol %s", c->cmd->synopsis);
	c->at = geopol_date_today();
	if (c->at_s && cli_date("--at", c->at_s, &c->at))
		return CLI_FAIL;
	geopol_query q = GEOPOL_QUERY_INIT;
	c->q = q;
	if (c->known_s) {
		geopol_date k;
		if (cli_date("--known-on", c->known_s, &k))
			return CLI_FAIL;
		c->q.known_at = geopol_recorded_end_of(k);
	}
	if (c->definite)
		c->q.flags |= GEOPOL_DEFINITE_ONLY;
	c->q.lang = c->lang;
	return setup_memberships(c);
}

static int run(cli *c, char **argv, int argc, int first)
{
	int rc = parse_args(c, argv, argc, first);
	if (rc)
		return rc;
	if (c->help)
		return cli_print_help(stdout, c->cmd);
	if ((rc = setup(c)))
		return rc;
	if (c->cmd->db_mode != DB_NONE && (rc = cli_open_db(c, c->cmd->db_mode)))
		return rc;
	rc = c->cmd->run(c);
	geopol_close(c->db);
	c->db = NULL;
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(CLI_FAIL, "cannot write the output");
	return rc;
}

/* Options before the command: the common ones only. */
static int leading_options(cli *c, char **argv, int argc, int *i)
{
	for (; *i < argc && is_option(argv[*i]); (*i)++) {
		if (strcmp(argv[*i], "--version") == 0) {
			printf("geopol %s\n", geopol_version_string());
			exit(CLI_OK);
		}
		int rc = take_option(c, argv, argc, i, OPT_COMMON);
		if (rc)
			return rc;
	}
	return CLI_OK;
}

int main(int argc, char **argv)
{
	cli c;
	memset(&c, 0, sizeof c);
	c.out = stdout;
	c.pos = calloc((size_t)argc + 1, sizeof *c.pos);
	if (!c.pos)
		return cli_error(CLI_FAIL, "out of memory");
	int i = 1, rc = leading_options(&c, argv, argc, &i);
	if (!rc && i >= argc) {
		cli_print_help(c.help ? stdout : stderr, NULL);
		rc = c.help ? CLI_OK : CLI_USAGE;
	} else if (!rc && strcmp(argv[i], "help") == 0) {
		const command *k = i + 1 < argc ? find_command(argv[i + 1]) : NULL;
		rc = i + 1 < argc && !k ? usage(&c, "unknown command '%s'", argv[i + 1])
					: cli_print_help(stdout, k);
	} else if (!rc && !(c.cmd = find_command(argv[i]))) {
		rc = usage(&c, "unknown command '%s'", argv[i]);
	} else if (!rc) {
		rc = run(&c, argv, argc, i + 1);
	}
	free(c.pos);
	return rc;
}
