/*
 * cli.h - what the files of the geopol command share. The command works on
 * the public API (<geopol.h>) alone: no SQL, no library internals.
 */
#ifndef GEOPOL_CLI_H
#define GEOPOL_CLI_H

#include <geopol.h>

#include <stdarg.h>
#include <stdio.h>

/* Exit statuses: the contract scripts rely on. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* Output formats of the query commands (--format). */
enum { FMT_TEXT = 0, FMT_JSON, FMT_CSV };

/* Options a command accepts beyond the common ones (struct command.opts). */
enum {
	OPT_SPAN = 1u << 0,    /* --from --to */
	OPT_EVENTS = 1u << 1,  /* --actor --with --type --text --limit --quad */
	OPT_ENTITY = 1u << 2,  /* --entity */
	OPT_DEPTH = 1u << 3,   /* --depth */
	OPT_OUTPUT = 1u << 4,  /* -o / --output */
	OPT_SKIP = 1u << 5,    /* --skip-bad-rows */
	OPT_OWN_FORMAT = 1u << 6, /* --format names an import/export format, not text|json|csv */
	OPT_PANEL = 1u << 7,   /* --unit --population --codes --focus --vars --rule */
	OPT_FOCUS = 1u << 8,   /* export: --around --kinds --orgs --types --gexf-version */
	OPT_COMMON = 1u << 30  /* --db --at --known-on --definite --format --lang --help,
				  and for memberships --de-facto --stages --coding --all-codings */
};

/* How a command uses the database. */
/* DB_WRITE_AT_MAX: reads, but writes when given its most positional
 * arguments (coding-rank NAME reads a rank, coding-rank NAME RANK sets it). */
enum { DB_NONE = 0, DB_READ, DB_WRITE, DB_WRITE_AT_MAX };

typedef struct cli cli;

typedef struct command {
	const char *name;
	int (*run)(cli *c);
	unsigned opts;        /* OPT_* accepted */
	int min_pos, max_pos; /* positional arguments; max -1: any number */
	int db_mode;          /* DB_* */
	const char *synopsis; /* "members ORG" */
	const char *help;     /* what it does, its options, an example */
} command;

struct cli {
	/* options as typed */
	const char *db_path, *at_s, *known_s, *format_s, *lang;
	const char *from_s, *to_s, *actor, *with, *type, *text, *limit_s, *quad_s;
	const char *entity, *depth_s, *output;
	const char *unit_s, *population_s, *codes_s, *focus_s, *vars_s, *rule_s, *rule_file;
	const char *around, *kinds_s, *orgs, *types, *gexf_s;   /* export's focus */
	const char *stages_s, *coding;
	int definite, skip_bad_rows, release, help, no_header, sources, de_facto, all_codings;
	const char **pos;   /* positional arguments (into argv) */
	int npos;
	/* derived */
	const command *cmd;
	int format;         /* FMT_*; the export and import commands read format_s */
	geopol_date at;     /* --at, today by default */
	geopol_query q;
	geopol_db *db;
	FILE *out;
	int doc_members;    /* JSON: members written in the current object */
	int csv_header_done; /* CSV: one header per command */
};

/* ---- main.c */
extern const command cli_commands[];
int cli_print_help(FILE *f, const command *cmd);
/* CLI_OK, or CLI_USAGE with "give --db FILE" when path is the built-in
 * dataset (which no command writes). */
int cli_not_builtin(const char *what, const char *path);
/* Open c->db: --db's database (else $GEOPOL_DB, else the built-in
 * dataset) for mode DB_READ, DB_WRITE or DB_WRITE_AT_MAX; CLI_OK, or the
 * exit status after printing why. */
int cli_open_db(cli *c, int mode);

/* ---- util.c: errors, dates, entities, strings */
/* Print "geopol: MESSAGE" on stderr; return the status given. */
int cli_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The library's message for a failed call on c->db; returns CLI_FAIL. */
int cli_db_error(cli *c, int rc);
/* Parse the date of option `opt`; CLI_FAIL with a message when invalid. */
int cli_date(const char *opt, const char *text, geopol_date *out);
/* Parse an optional date (NULL text: an open end). */
int cli_date_opt(const char *opt, const char *text, geopol_date *out);
/* A comma-separated list of stage names and presets (--stages) as a set;
 * a usage error naming the bad one. */
int cli_stages(const char *opt, const char *text, unsigned *out);
/* Write s as a JSON string literal. */
void cli_json_string(FILE *f, const char *s);
/* The entity a code or name means, into buf; CLI_FAIL with a message. */
int cli_entity(cli *c, const char *text, char *buf, size_t size);
#define CLI_CODE_SIZE 256
/* A date as text ("" for an open end) into buf of GEOPOL_DATE_BUFSIZE. */
const char *cli_date_str(geopol_date d, char *buf);
/* A JSON string literal, escaped, to f. */
/* One CSV field (RFC 4180 quoting), preceded by a comma unless first. */
void cli_csv_field(FILE *f, const char *s, int first);
/* "8,123" */
void cli_thousands(unsigned long long v, char *buf, size_t size);

/* A growable string. */
typedef struct sbuf {
	char *s;
	size_t n, cap;
} sbuf;
void sb_add(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text (never NULL); the buffer keeps owning it. */
const char *sb_str(const sbuf *b);
/* Hand the text over (caller frees) and empty the buffer. */
char *sb_take(sbuf *b);
void sb_free(sbuf *b);

/* ---- output.c: one renderer for every command (text, JSON, CSV) */
enum {
	SHAPE_LIST = 0, /* JSON array of rows */
	SHAPE_ONE,      /* JSON: the single row as an object */
	SHAPE_DIFF,     /* JSON {"joined":[],"left":[],...} grouped by change */
	SHAPE_PATH      /* JSON {"path":[codes],"edges":[rows]} */
};

typedef struct view {
	int shape;          /* SHAPE_* */
	const char *key;    /* JSON: member name inside a document object, or NULL */
	const char *title;  /* text: heading above the table, or NULL */
	const char *empty;  /* text: what to say when there is no row */
	const char *start;  /* SHAPE_PATH: the code the path starts from */
	int kind;           /* the item kind expected (CSV header of an empty answer); 0: facts */
} view;

/* Render every item of `it` (then free it) in c->format. */
int cli_render(cli *c, geopol_iter *it, const view *v);
/* JSON documents made of several results: {"key": ..., "key": ...}. */
void cli_doc_begin(cli *c);
void cli_doc_end(cli *c);
/* Text only: a paragraph of commentary (the demo); ignored in JSON/CSV. */
void cli_say(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Rows of any columns (geopol sql) in c->format: begin with the column
 * names, add rows (values NULL for SQL NULL; numeric[i]: a number, for
 * JSON), end (complete 0 after a failure: text and JSON are left unfinished
 * and nothing more is written). */
typedef struct cli_grid cli_grid;
cli_grid *cli_grid_begin(cli *c, int ncol, const char *const *names);
int cli_grid_row(cli_grid *g, const char *const *values, const int *numeric);
void cli_grid_end(cli_grid *g, int complete, const char *empty);

/* ---- the commands */
int cmd_init(cli *c);
int cmd_copy(cli *c);
int cmd_import(cli *c);
int cmd_resolve(cli *c);
int cmd_show(cli *c);
int cmd_members(cli *c);
int cmd_coding_rank(cli *c);
int cmd_memberships(cli *c);
int cmd_common(cli *c);
int cmd_pledges(cli *c);
int cmd_relations(cli *c);
int cmd_events(cli *c);
int cmd_history(cli *c);
int cmd_diff(cli *c);
int cmd_check(cli *c);
int cmd_uncited(cli *c);
int cmd_neighbors(cli *c);
int cmd_path(cli *c);
int cmd_export(cli *c);
int cmd_sql(cli *c);
int cmd_demo(cli *c);
int cmd_panel(cli *c);

/* cmd_export.c: write a snapshot file (the demo uses it too). */
int cli_export_file(cli *c, int format, geopol_date at, const char *path);

#endif
