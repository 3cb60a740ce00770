/*
 * packet_template.h: the layout of promotion packets and ladder booklets,
 * read from templates/packet.xml (schema docs/packet.rng) with libxml2: no
 * network, no DTD, no entity substitution.
 */
#ifndef EGF_PACKET_TEMPLATE_H
#define EGF_PACKET_TEMPLATE_H

#include "diag.h"

enum packet_style_id { STYLE_TITLE, STYLE_HEADING, STYLE_SUBHEADING, STYLE_BODY,
	STYLE_SMALL, STYLE_PRIVATE, STYLE__MAX };

enum packet_section { SECTION_COVER, SECTION_SUMMARY, SECTION_TEAM, SECTION_COMPETENCIES,
	SECTION_CALIBRATION, SECTION_DECISION, SECTION_SIGNOFF, SECTION__MAX };

enum packet_audience { AUDIENCE_COMMITTEE, AUDIENCE_EMPLOYEE, AUDIENCE__MAX };

struct packet_color {
	float r, g, b;
};

struct packet_style {
	int bold;
	float size;
	struct packet_color color;
};

struct packet_template {
	float width, height;			/* points */
	float margin_top, margin_right, margin_bottom, margin_left;
	char *font_regular, *font_bold;		/* owned: file names as written */
	struct packet_style style[STYLE__MAX];
	struct packet_color self, manager, peer, rule;
	enum packet_section sections[AUDIENCE__MAX][SECTION__MAX];
	size_t nsections[AUDIENCE__MAX];
};

const char *packet_section_name(enum packet_section s);
const char *packet_audience_name(enum packet_audience a);
/* The audience named s, or -1. */
int packet_audience_parse(const char *s);

/*
 * Reads a template. Problems are diagnosed into dl against path (xml-syntax,
 * missing-field, bad-value, unknown-key). Returns 0 when it was read (check
 * diag_errors), -1 on an I/O error (printed). Clear it with
 * packet_template_clear either way.
 */
int packet_template_load(const char *path, struct diag_list *dl, struct packet_template *t);
void packet_template_clear(struct packet_template *t);

/*
 * The default template: $EGF_TEMPLATE_DIR/packet.xml, else templates/ beside
 * the directory of the running binary, else the installed one. Caller frees.
 */
char *packet_template_default(void);

/*
 * The path of a font file: as given when it contains a slash, else searched
 * in $EGF_FONT_DIR and the directories of Debian's fonts-dejavu-core. NULL
 * when not found. Caller frees.
 */
char *packet_font_path(const char *name);

#endif
