/* One row of the log view: a line's source and text, drawn without child widgets. */
#include "config.h"

#include <string.h>

#include "matou-log-row.h"

/* A flood of lines replaces every row near the end of the list each time a
 * batch arrives (GTK 4.8 makes up to 200 of them), and a row of a box and
 * two text widgets, each with its own Pango context, measured through font
 * metrics every time, cost the window tens of milliseconds per batch. This
 * row is one widget: its size comes from metrics the view measured once
 * for all rows, and its text is laid out only when it is drawn. */

struct _MatouLogRow
{
  GtkWidget     parent_instance;

  MatouLogLine *line;
  gboolean      wrap;
  int           lines_for_width; /* the width the wrapped lines were counted for, or -1 */
  guint         lines;
  int           char_width;     /* Pango units */
  int           line_height;    /* Pango units */
  PangoLayout  *source_layout;  /* made when first drawn */
  PangoLayout  *text_layout;
  gboolean      text_changed;
};

G_DEFINE_FINAL_TYPE (MatouLogRow, matou_log_row, GTK_TYPE_WIDGET)

static int
source_width (MatouLogRow *self)
{
  return PANGO_PIXELS_CEIL (MATOU_LOG_ROW_SOURCE_CHARS * self->char_width);
}

/* Wrapped, a row is as many lines high as its text needs at its width: the
 * font is monospace and wraps at any character, so that is the number of
 * character cells over the columns that fit, with no text laid out. One
 * column is kept spare against rounding: a line too many leaves a blank
 * line, a line too few would cut the text. */
static guint
count_cells (const char *text,
             const char *end)
{
  guint cells = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      cells += c == '\t' ? 8 : g_unichar_iswide (c) ? 2 : 1;
    }

  return cells;
}

static guint
wrapped_lines (MatouLogRow *self,
               int          width)
{
  const char *text;
  int available;
  guint columns;
  guint lines = 0;

  if (!self->wrap || self->line == NULL || width < 0)
    return 1;
  if (self->lines_for_width == width)
    return self->lines;

  available = (width - source_width (self) - MATOU_LOG_ROW_SPACING) * PANGO_SCALE;
  columns = available > 2 * self->char_width ? (guint) (available / self->char_width) - 1 : 1;
  text = matou_log_line_get_text (self->line);
  for (;;)
    {
      const char *end = strchr (text, '\n');

      if (end == NULL)
        end = text + strlen (text);
      lines += MAX (1, (count_cells (text, end) + columns - 1) / columns);
      if (*end == '\0')
        break;
      text = end + 1;
    }

  self->lines_for_width = width;
  self->lines = lines;

  return lines;
}

static GtkSizeRequestMode
matou_log_row_get_request_mode (GtkWidget *widget)
{
  return MATOU_LOG_ROW (widget)->wrap ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
matou_log_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MatouLogRow *self = MATOU_LOG_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The source column, then at least one character of text, ideally 40. */
      *minimum = source_width (self) + MATOU_LOG_ROW_SPACING + PANGO_PIXELS_CEIL (self->char_width);
      *natural = source_width (self) + MATOU_LOG_ROW_SPACING + PANGO_PIXELS_CEIL (40 * self->char_width);
    }
  else
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (wrapped_lines (self, for_size) * self->line_height);
    }
}

static void
ensure_layouts (MatouLogRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->source_layout == NULL)
    {
      /* The source keeps its regular weight on a bold step line. */
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_NORMAL));
      self->source_layout = gtk_widget_create_pango_layout (widget, NULL);
      pango_layout_set_attributes (self->source_layout, attributes);
      pango_layout_set_ellipsize (self->source_layout, PANGO_ELLIPSIZE_END);
      pango_attr_list_unref (attributes);

      self->text_layout = gtk_widget_create_pango_layout (widget, NULL);
      if (self->wrap)
        {
          /* A hyphen that is not in the log would mislead. */
          attributes = pango_attr_list_new ();
          pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
          pango_layout_set_attributes (self->text_layout, attributes);
          pango_attr_list_unref (attributes);
          pango_layout_set_wrap (self->text_layout, PANGO_WRAP_CHAR);
        }
      else
        {
          pango_layout_set_wrap (self->text_layout, PANGO_WRAP_WORD_CHAR);
        }
      pango_layout_set_ellipsize (self->text_layout, PANGO_ELLIPSIZE_END);
      self->text_changed = TRUE;
    }

  if (self->text_changed)
    {
      pango_layout_set_text (self->source_layout, self->line != NULL ? matou_log_line_get_source (self->line) : "", -1);
      pango_layout_set_text (self->text_layout, self->line != NULL ? matou_log_line_get_text (self->line) : "", -1);
      self->text_changed = FALSE;
    }
}

static void
matou_log_row_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MatouLogRow *self = MATOU_LOG_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_x = source_width (self) + MATOU_LOG_ROW_SPACING;
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GdkRGBA text_color, source_color;

  if (self->line == NULL)
    return;

  ensure_layouts (self);
  /* The text's colour is the row's (style.css colours warnings, errors and
   * steps); the source is the list row's, dimmed, whatever the level. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
  gtk_style_context_get_color (gtk_widget_get_style_context (parent != NULL ? parent : widget), &source_color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  source_color.alpha *= 0.55f;

  pango_layout_set_width (self->source_layout, source_width (self) * PANGO_SCALE);
  pango_layout_set_height (self->source_layout, self->line_height);
  pango_layout_set_width (self->text_layout, MAX (width - text_x, 1) * PANGO_SCALE);
  pango_layout_set_height (self->text_layout, height * PANGO_SCALE);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_layout (snapshot, self->source_layout, &source_color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x, 0));
  gtk_snapshot_append_layout (snapshot, self->text_layout, &text_color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* A new font or language: the layouts are made again at the next draw. */
static void
matou_log_row_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  MatouLogRow *self = MATOU_LOG_ROW (widget);

  GTK_WIDGET_CLASS (matou_log_row_parent_class)->css_changed (widget, change);

  g_clear_object (&self->source_layout);
  g_clear_object (&self->text_layout);
}

static void
matou_log_row_dispose (GObject *object)
{
  MatouLogRow *self = MATOU_LOG_ROW (object);

  g_clear_object (&self->line);
  g_clear_object (&self->source_layout);
  g_clear_object (&self->text_layout);

  G_OBJECT_CLASS (matou_log_row_parent_class)->dispose (object);
}

static void
matou_log_row_class_init (MatouLogRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_log_row_dispose;
  widget_class->get_request_mode = matou_log_row_get_request_mode;
  widget_class->measure = matou_log_row_measure;
  widget_class->snapshot = matou_log_row_snapshot;
  widget_class->css_changed = matou_log_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "logline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
matou_log_row_init (MatouLogRow *self)
{
  self->lines_for_width = -1;
}

/**
 * matou_log_row_new:
 * @char_width: the width of a character of the rows' monospace font, in Pango units
 * @line_height: the height of a line of it, in Pango units
 * @wrap: whether long lines wrap instead of ending in an ellipsis
 */
GtkWidget *
matou_log_row_new (int      char_width,
                   int      line_height,
                   gboolean wrap)
{
  MatouLogRow *self = g_object_new (MATOU_TYPE_LOG_ROW, NULL);

  self->char_width = char_width;
  self->line_height = line_height;
  self->wrap = wrap;

  return GTK_WIDGET (self);
}

/**
 * matou_log_row_set_line:
 * @line: (nullable): the line to show
 */
void
matou_log_row_set_line (MatouLogRow  *self,
                        MatouLogLine *line)
{
  g_return_if_fail (MATOU_IS_LOG_ROW (self));

  if (self->line == line)
    return;

  g_set_object (&self->line, line);
  self->text_changed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->wrap)
    {
      self->lines_for_width = -1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }

  if (line != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    matou_log_line_get_text (line), -1);
}
