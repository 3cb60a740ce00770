/*
 * pdf_lib.h: the PDF libraries (cairo, Pango, fontconfig and the GLib they
 * run on), loaded when a command first makes a PDF, not when egf starts.
 *
 * They are forty shared libraries (cairo alone brings eight of X11), whose
 * loading was half of every egf command's start: about 320 page faults,
 * 9 ms on this project's machines, for `egf --version` as for `egf packet`.
 * A command that makes no PDF no longer loads them; `egf packet` loads them
 * in the fonts' thread (pdf.c) while the database is read. The functions
 * pdf.c calls are looked up once, in a table that is written by
 * pdf_lib_load under pthread_once and only read afterwards.
 *
 * pdf.c alone calls these libraries: it defines PDF_LIB_NAMES before this
 * header, so that each call goes through the table. A function called
 * there but missing from PDF_LIB_FUNCTIONS does not link (egf is not linked
 * with the libraries).
 */
#ifndef EGF_PDF_LIB_H
#define EGF_PDF_LIB_H

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#define PDF_LIB_FUNCTIONS(X) \
	X(FcConfigAppFontAddFile) \
	X(FcConfigBuildFonts) \
	X(FcConfigCreate) \
	X(FcConfigDestroy) \
	X(FcConfigGetFonts) \
	X(FcConfigParseAndLoadFromMemory) \
	X(FcConfigSetCurrent) \
	X(FcFreeTypeQuery) \
	X(FcPatternDestroy) \
	X(FcPatternGetString) \
	X(cairo_create) \
	X(cairo_destroy) \
	X(cairo_fill) \
	X(cairo_font_options_create) \
	X(cairo_font_options_destroy) \
	X(cairo_font_options_set_hint_metrics) \
	X(cairo_font_options_set_hint_style) \
	X(cairo_line_to) \
	X(cairo_move_to) \
	X(cairo_pdf_surface_add_outline) \
	X(cairo_pdf_surface_create_for_stream) \
	X(cairo_pdf_surface_set_metadata) \
	X(cairo_rectangle) \
	X(cairo_set_line_width) \
	X(cairo_set_source_rgb) \
	X(cairo_show_page) \
	X(cairo_status) \
	X(cairo_status_to_string) \
	X(cairo_stroke) \
	X(cairo_surface_destroy) \
	X(cairo_surface_finish) \
	X(cairo_surface_status) \
	X(cairo_tag_begin) \
	X(cairo_tag_end) \
	X(g_free) \
	X(g_object_unref) \
	X(g_type_check_instance_cast) \
	X(g_utf8_offset_to_pointer) \
	X(pango_attr_family_new) \
	X(pango_attr_font_features_new) \
	X(pango_attr_foreground_new) \
	X(pango_attr_list_insert) \
	X(pango_attr_list_new) \
	X(pango_attr_list_unref) \
	X(pango_attr_style_new) \
	X(pango_attr_underline_new) \
	X(pango_attr_weight_new) \
	X(pango_cairo_context_set_font_options) \
	X(pango_cairo_context_set_resolution) \
	X(pango_cairo_font_map_new_for_font_type) \
	X(pango_cairo_show_glyph_item) \
	X(pango_cairo_show_layout_line) \
	X(pango_context_set_base_dir) \
	X(pango_context_set_round_glyph_positions) \
	X(pango_fc_font_map_get_type) \
	X(pango_fc_font_map_set_config) \
	X(pango_font_description_free) \
	X(pango_font_description_new) \
	X(pango_font_description_set_absolute_size) \
	X(pango_font_description_set_family) \
	X(pango_font_description_set_weight) \
	X(pango_font_get_metrics) \
	X(pango_font_map_create_context) \
	X(pango_font_metrics_unref) \
	X(pango_glyph_item_copy) \
	X(pango_glyph_item_free) \
	X(pango_glyph_item_get_logical_widths) \
	X(pango_glyph_item_split) \
	X(pango_glyph_string_get_width) \
	X(pango_layout_get_extents) \
	X(pango_layout_get_line_count) \
	X(pango_layout_get_line_readonly) \
	X(pango_layout_get_lines_readonly) \
	X(pango_layout_get_log_attrs_readonly) \
	X(pango_layout_get_text) \
	X(pango_layout_line_get_extents) \
	X(pango_layout_line_get_x_ranges) \
	X(pango_layout_new) \
	X(pango_layout_set_attributes) \
	X(pango_layout_set_auto_dir) \
	X(pango_layout_set_ellipsize) \
	X(pango_layout_set_font_description) \
	X(pango_layout_set_indent) \
	X(pango_layout_set_single_paragraph_mode) \
	X(pango_layout_set_text) \
	X(pango_layout_set_width) \
	X(pango_layout_set_wrap)

struct pdf_lib {
#define PDF_LIB_POINTER(name) __typeof__(name) *name;
	PDF_LIB_FUNCTIONS(PDF_LIB_POINTER)
#undef PDF_LIB_POINTER
};

/* The table: complete once pdf_lib_load has returned 0. */
extern struct pdf_lib pdf_lib;

/*
 * Loads the libraries and fills the table, once per process (later calls
 * return the first one's result); thread-safe. 0, or -1 with *why saying
 * what failed (borrowed, kept for the process).
 */
int pdf_lib_load(const char **why);

#ifdef PDF_LIB_NAMES
#define FcConfigAppFontAddFile (pdf_lib.FcConfigAppFontAddFile)
#define FcConfigBuildFonts (pdf_lib.FcConfigBuildFonts)
#define FcConfigCreate (pdf_lib.FcConfigCreate)
#define FcConfigDestroy (pdf_lib.FcConfigDestroy)
#define FcConfigGetFonts (pdf_lib.FcConfigGetFonts)
#define FcConfigParseAndLoadFromMemory (pdf_lib.FcConfigParseAndLoadFromMemory)
#define FcConfigSetCurrent (pdf_lib.FcConfigSetCurrent)
#define FcFreeTypeQuery (pdf_lib.FcFreeTypeQuery)
#define FcPatternDestroy (pdf_lib.FcPatternDestroy)
#define FcPatternGetString (pdf_lib.FcPatternGetString)
#define cairo_create (pdf_lib.cairo_create)
#define cairo_destroy (pdf_lib.cairo_destroy)
#define cairo_fill (pdf_lib.cairo_fill)
#define cairo_font_options_create (pdf_lib.cairo_font_options_create)
#define cairo_font_options_destroy (pdf_lib.cairo_font_options_destroy)
#define cairo_font_options_set_hint_metrics (pdf_lib.cairo_font_options_set_hint_metrics)
#define cairo_font_options_set_hint_style (pdf_lib.cairo_font_options_set_hint_style)
#define cairo_line_to (pdf_lib.cairo_line_to)
#define cairo_move_to (pdf_lib.cairo_move_to)
#define cairo_pdf_surface_add_outline (pdf_lib.cairo_pdf_surface_add_outline)
#define cairo_pdf_surface_create_for_stream (pdf_lib.cairo_pdf_surface_create_for_stream)
#define cairo_pdf_surface_set_metadata (pdf_lib.cairo_pdf_surface_set_metadata)
#define cairo_rectangle (pdf_lib.cairo_rectangle)
#define cairo_set_line_width (pdf_lib.cairo_set_line_width)
#define cairo_set_source_rgb (pdf_lib.cairo_set_source_rgb)
#define cairo_show_page (pdf_lib.cairo_show_page)
#define cairo_status (pdf_lib.cairo_status)
#define cairo_status_to_string (pdf_lib.cairo_status_to_string)
#define cairo_stroke (pdf_lib.cairo_stroke)
#define cairo_surface_destroy (pdf_lib.cairo_surface_destroy)
#define cairo_surface_finish (pdf_lib.cairo_surface_finish)
#define cairo_surface_status (pdf_lib.cairo_surface_status)
#define cairo_tag_begin (pdf_lib.cairo_tag_begin)
#define cairo_tag_end (pdf_lib.cairo_tag_end)
#define g_free (pdf_lib.g_free)
#define g_object_unref (pdf_lib.g_object_unref)
#define g_type_check_instance_cast (pdf_lib.g_type_check_instance_cast)
#define g_utf8_offset_to_pointer (pdf_lib.g_utf8_offset_to_pointer)
#define pango_attr_family_new (pdf_lib.pango_attr_family_new)
#define pango_attr_font_features_new (pdf_lib.pango_attr_font_features_new)
#define pango_attr_foreground_new (pdf_lib.pango_attr_foreground_new)
#define pango_attr_list_insert (pdf_lib.pango_attr_list_insert)
#define pango_attr_list_new (pdf_lib.pango_attr_list_new)
#define pango_attr_list_unref (pdf_lib.pango_attr_list_unref)
#define pango_attr_style_new (pdf_lib.pango_attr_style_new)
#define pango_attr_underline_new (pdf_lib.pango_attr_underline_new)
#define pango_attr_weight_new (pdf_lib.pango_attr_weight_new)
#define pango_cairo_context_set_font_options (pdf_lib.pango_cairo_context_set_font_options)
#define pango_cairo_context_set_resolution (pdf_lib.pango_cairo_context_set_resolution)
#define pango_cairo_font_map_new_for_font_type (pdf_lib.pango_cairo_font_map_new_for_font_type)
#define pango_cairo_show_glyph_item (pdf_lib.pango_cairo_show_glyph_item)
#define pango_cairo_show_layout_line (pdf_lib.pango_cairo_show_layout_line)
#define pango_context_set_base_dir (pdf_lib.pango_context_set_base_dir)
#define pango_context_set_round_glyph_positions (pdf_lib.pango_context_set_round_glyph_positions)
#define pango_fc_font_map_get_type (pdf_lib.pango_fc_font_map_get_type)
#define pango_fc_font_map_set_config (pdf_lib.pango_fc_font_map_set_config)
#define pango_font_description_free (pdf_lib.pango_font_description_free)
#define pango_font_description_new (pdf_lib.pango_font_description_new)
#define pango_font_description_set_absolute_size (pdf_lib.pango_font_description_set_absolute_size)
#define pango_font_description_set_family (pdf_lib.pango_font_description_set_family)
#define pango_font_description_set_weight (pdf_lib.pango_font_description_set_weight)
#define pango_font_get_metrics (pdf_lib.pango_font_get_metrics)
#define pango_font_map_create_context (pdf_lib.pango_font_map_create_context)
#define pango_font_metrics_unref (pdf_lib.pango_font_metrics_unref)
#define pango_glyph_item_copy (pdf_lib.pango_glyph_item_copy)
#define pango_glyph_item_free (pdf_lib.pango_glyph_item_free)
#define pango_glyph_item_get_logical_widths (pdf_lib.pango_glyph_item_get_logical_widths)
#define pango_glyph_item_split (pdf_lib.pango_glyph_item_split)
#define pango_glyph_string_get_width (pdf_lib.pango_glyph_string_get_width)
#define pango_layout_get_extents (pdf_lib.pango_layout_get_extents)
#define pango_layout_get_line_count (pdf_lib.pango_layout_get_line_count)
#define pango_layout_get_line_readonly (pdf_lib.pango_layout_get_line_readonly)
#define pango_layout_get_lines_readonly (pdf_lib.pango_layout_get_lines_readonly)
#define pango_layout_get_log_attrs_readonly (pdf_lib.pango_layout_get_log_attrs_readonly)
#define pango_layout_get_text (pdf_lib.pango_layout_get_text)
#define pango_layout_line_get_extents (pdf_lib.pango_layout_line_get_extents)
#define pango_layout_line_get_x_ranges (pdf_lib.pango_layout_line_get_x_ranges)
#define pango_layout_new (pdf_lib.pango_layout_new)
#define pango_layout_set_attributes (pdf_lib.pango_layout_set_attributes)
#define pango_layout_set_auto_dir (pdf_lib.pango_layout_set_auto_dir)
#define pango_layout_set_ellipsize (pdf_lib.pango_layout_set_ellipsize)
#define pango_layout_set_font_description (pdf_lib.pango_layout_set_font_description)
#define pango_layout_set_indent (pdf_lib.pango_layout_set_indent)
#define pango_layout_set_single_paragraph_mode (pdf_lib.pango_layout_set_single_paragraph_mode)
#define pango_layout_set_text (pdf_lib.pango_layout_set_text)
#define pango_layout_set_width (pdf_lib.pango_layout_set_width)
#define pango_layout_set_wrap (pdf_lib.pango_layout_set_wrap)
#endif

#endif
