/* A view of a MatouLogModel: follows new lines, filters, copies and saves them. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "matou-log-row.h"
#include "matou-log-view.h"

/* How close to the bottom still counts as "at the end", in pixels. */
#define END_SLACK 8.0
/* A scroll this soon after the user's wheel, key or click is the user's. */
#define USER_INPUT_WINDOW_US (500 * 1000)

struct _MatouLogView
{
  AdwBin                parent_instance;

  MatouLogModel        *model;
  GtkFilterListModel   *filter_model;
  GtkMultiSelection    *selection;
  GtkFilter            *filter;

  char                 *needle;          /* casefolded search text, or NULL */
  gboolean              needle_is_ascii;
  gboolean              problems_only;
  gboolean              wrap_lines;
  int                   char_width;      /* of the rows' font, in Pango units; 0 until known */
  int                   line_height;     /* of the rows' font, in Pango units */
  guint                 rebuild_source;
  GtkListItemFactory   *factory;

  gboolean              following;       /* keep the newest line in sight */
  gboolean              scrolling;       /* the view moves itself, not the user */
  gint64                user_input_at;   /* the user's last wheel, key or click */
  gboolean              dragging;        /* the user holds the scrollbar */
  guint                 follow_tick;

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;     /* a save in flight */

  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  char                 *empty_description; /* what to do while there are no lines, or NULL */
  GtkScrolledWindow    *scrolled;
  GtkListView          *list_view;
  GtkWidget            *jump_button;
};

G_DEFINE_FINAL_TYPE (MatouLogView, matou_log_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_PROBLEMS_ONLY,
  PROP_WRAP_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- filtering ------------------------------------------------------------- */

/* An ASCII needle (the common case: "error", "proxy") needs no allocation per line. */
static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle,
                       gsize       needle_len)
{
  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_tolower (*p) == needle[0] && g_ascii_strncasecmp (p, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
contains (MatouLogView *self,
          const char   *haystack)
{
  g_autofree char *folded = NULL;

  if (self->needle_is_ascii)
    return contains_ascii_nocase (haystack, self->needle, strlen (self->needle));

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, self->needle) != NULL;
}

static gboolean
match_line (gpointer item,
            gpointer user_data)
{
  MatouLogView *self = user_data;
  MatouLogLine *line = item;
  MatouLogLevel level = matou_log_line_get_level (line);

  if (self->problems_only && level != MATOU_LOG_LEVEL_WARNING && level != MATOU_LOG_LEVEL_ERROR)
    return FALSE;
  if (self->needle == NULL)
    return TRUE;

  return contains (self, matou_log_line_get_text (line)) || contains (self, matou_log_line_get_source (line));
}

/* Without a filter the filter model passes lines straight through. */
static void
update_filter (MatouLogView *self)
{
  if (self->needle == NULL && !self->problems_only)
    {
      gtk_filter_list_model_set_filter (self->filter_model, NULL);
      return;
    }

  if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, self->filter);
  else
    gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* --- state shown ------------------------------------------------------------ */

static guint
n_lines (MatouLogView *self)
{
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

static guint
n_shown (MatouLogView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

static gboolean
has_selection (MatouLogView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return !gtk_bitset_is_empty (selected);
}

/* Every action's enabled state, in one place. */
static void
update_actions (MatouLogView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log-view.copy", has_selection (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log-view.save", n_lines (self) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log-view.jump-to-end", !self->following);
}

static void
update_state (MatouLogView *self)
{
  guint total = n_lines (self);
  guint shown = n_shown (self);
  g_autofree char *count = NULL;

  if (total == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No lines yet"));
      adw_status_page_set_description (self->empty_page,
                                       self->empty_description != NULL ? self->empty_description :
                                       _("Lines appear here as they are written."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (shown == 0 && gtk_filter_list_model_get_pending (self->filter_model) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No matching lines"));
      adw_status_page_set_description (self->empty_page,
                                       self->problems_only
                                       ? _("No line is a warning or an error that matches the filter.")
                                       : _("No line contains the text in the filter field."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "lines");
    }

  if (total == 0)
    count = g_strdup ("");
  else if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    /* TRANSLATORS: the number of lines in the log view */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line", "%u lines", total), total);
  else
    /* TRANSLATORS: lines shown by the filter, of all lines in the log view */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u line", "%u of %u lines", total), shown, total);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_set_visible (self->jump_button, !self->following && shown > 0);
  update_actions (self);
}

/* --- following the end ------------------------------------------------------ */

static GtkAdjustment *
vadjustment (MatouLogView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled);
}

static gboolean
at_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         >= gtk_adjustment_get_upper (adjustment) - END_SLACK;
}

/* Anchoring on the newest line, not setting the adjustment: when the ring
 * drops as many old lines as it gains, the bottom value is unchanged and the
 * list would keep its old anchor line in sight. And a value set before the
 * frame's layout points into rows not yet measured, which GTK 4.8 rejects
 * with a warning ("failed to scroll to given position"): the list moves to
 * the anchor itself when it lays out. A list not on screen waits: the
 * adjustment changes when it is shown, and that brings it here again. */
static void
scroll_to_end (MatouLogView *self)
{
  guint n = n_shown (self);

  if (n == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return;

  self->scrolling = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
  self->scrolling = FALSE;
}

static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MatouLogView *self = user_data;

  self->follow_tick = 0;
  if (self->following)
    scroll_to_end (self);

  return G_SOURCE_REMOVE;
}

/* Scrolling once per frame is enough, however many batches arrived. */
static void
queue_follow (MatouLogView *self)
{
  if (self->follow_tick == 0 && self->following)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), follow_tick_cb, self, NULL);
}

static void
set_following (MatouLogView *self,
               gboolean      following)
{
  if (self->following == following)
    return;

  self->following = following;
  gtk_widget_set_visible (self->jump_button, !following && n_shown (self) > 0);
  update_actions (self);
  if (following)
    queue_follow (self);
}

/* Reaching the bottom, however, follows again; leaving it stops following
 * only when the user did it. The list moves by itself too: when the ring
 * drops its oldest lines, GtkListView keeps the same line in sight. */
static void
on_value_changed_cb (MatouLogView  *self,
                     GtkAdjustment *adjustment)
{
  if (self->scrolling)
    return;

  if (at_end (adjustment))
    set_following (self, TRUE);
  else if (self->dragging || g_get_monotonic_time () - self->user_input_at < USER_INPUT_WINDOW_US)
    set_following (self, FALSE);
  else
    queue_follow (self);
}

static void
mark_user_input (MatouLogView *self)
{
  self->user_input_at = g_get_monotonic_time ();
}

static void
on_drag_begin_cb (MatouLogView *self)
{
  self->dragging = TRUE;
  mark_user_input (self);
}

static void
on_drag_end_cb (MatouLogView *self)
{
  self->dragging = FALSE;
  mark_user_input (self);
}

static gboolean
on_key_pressed_cb (MatouLogView *self)
{
  mark_user_input (self);

  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_scroll_cb (MatouLogView *self)
{
  mark_user_input (self);

  return GDK_EVENT_PROPAGATE;
}

/* The list grew or shrank under the view: catch up at the next frame. */
static void
on_adjustment_changed_cb (MatouLogView  *self,
                          GtkAdjustment *adjustment)
{
  if (self->following && !at_end (adjustment))
    queue_follow (self);
}

static void
on_items_changed_cb (MatouLogView *self,
                     guint         position,
                     guint         removed,
                     guint         added)
{
  update_state (self);
  if (added > 0)
    queue_follow (self);
}

static void
on_model_changed_cb (MatouLogView *self)
{
  /* Lines arriving behind a filter change the count, not the rows. */
  if (gtk_filter_list_model_get_filter (self->filter_model) != NULL)
    update_state (self);
}

/* --- rows ------------------------------------------------------------------ */

/* Rows are MatouLogRows: their size does not depend on their text's
 * layout, so a flood of lines costs no text layout beyond the rows on
 * screen, and they take their font's measures from the view instead of
 * each measuring it. */

/* The rows' font: the view's, in the monospace family (style.css).
 * Measured once for all rows, and again when the view's style changes. */
static void
ensure_metrics (MatouLogView *self)
{
  PangoContext *context;
  PangoFontDescription *font;
  PangoFontMetrics *metrics;

  if (self->char_width > 0)
    return;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  font = pango_font_description_copy (pango_context_get_font_description (context));
  pango_font_description_set_family (font, "monospace");
  metrics = pango_context_get_metrics (context, font, NULL);
  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                          pango_font_metrics_get_approximate_digit_width (metrics));
  self->line_height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
  pango_font_description_free (font);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  MatouLogView *self = user_data;

  ensure_metrics (self);
  gtk_list_item_set_child (item, matou_log_row_new (self->char_width, self->line_height, self->wrap_lines));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  static const char * const info[] = { "log-line", NULL };
  static const char * const warning[] = { "log-line", "log-warning", NULL };
  static const char * const error[] = { "log-line", "log-error", NULL };
  static const char * const step[] = { "log-line", "log-step", NULL };
  MatouLogLine *line = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  const char * const *classes = info;

  switch (matou_log_line_get_level (line))
    {
    case MATOU_LOG_LEVEL_WARNING:
      classes = warning;
      break;

    case MATOU_LOG_LEVEL_ERROR:
      classes = error;
      break;

    case MATOU_LOG_LEVEL_STEP:
      classes = step;
      break;

    case MATOU_LOG_LEVEL_INFO:
    default:
      break;
    }

  gtk_widget_set_css_classes (row, (const char **) classes);
  matou_log_row_set_line (MATOU_LOG_ROW (row), line);
}

static gboolean
rebuild_rows_cb (gpointer user_data)
{
  MatouLogView *self = user_data;

  self->rebuild_source = 0;
  /* Rows are built once per factory: a new one rebuilds them. */
  gtk_list_view_set_factory (self->list_view, NULL);
  gtk_list_view_set_factory (self->list_view, self->factory);
  queue_follow (self);

  return G_SOURCE_REMOVE;
}

static void
queue_rebuild_rows (MatouLogView *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_rows_cb, self);
}

/* A new font size or family: rows of the new height. */
static void
matou_log_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  MatouLogView *self = MATOU_LOG_VIEW (widget);
  int char_width = self->char_width;
  int line_height = self->line_height;

  GTK_WIDGET_CLASS (matou_log_view_parent_class)->css_changed (widget, change);

  if (char_width == 0)
    return;
  self->char_width = 0;
  ensure_metrics (self);
  if (self->char_width != char_width || self->line_height != line_height)
    queue_rebuild_rows (self);
}

/* --- copy and save ----------------------------------------------------------- */

/* What a copied or saved line looks like: the row, as text. */
static void
append_line (GString      *text,
             MatouLogLine *line)
{
  const char *source = matou_log_line_get_source (line);

  if (*source != '\0')
    {
      g_string_append (text, source);
      g_string_append (text, ": ");
    }
  g_string_append (text, matou_log_line_get_text (line));
  g_string_append_c (text, '\n');
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MatouLogView *self = MATOU_LOG_VIEW (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GString) text = g_string_new (NULL);
  GtkBitsetIter iter;
  guint position;

  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(MatouLogLine) line = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (line != NULL)
        append_line (text, line);
    }
  if (text->len == 0)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MatouLogView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s is the system's reason */
      message = g_strdup_printf (_("The log was not saved: %s"), error->message);
    }
  else
    {
      name = g_file_get_basename (G_FILE (source));
      /* TRANSLATORS: %s is a file name */
      message = g_strdup_printf (_("Saved as “%s”"), name);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_chooser_response_cb (MatouLogView         *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint n;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || self->model == NULL)
    return;

  /* The lines as they are now; the model may go on growing while it is written. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  text = g_string_sized_new (n * 96);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MatouLogLine) line = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      append_line (text, line);
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, save_done_cb, g_object_ref (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MatouLogView *self = MATOU_LOG_VIEW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "matou-log-%Y%m%d-%H%M%S.txt");
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save the Log"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- search and the other actions ---------------------------------------- */

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MatouLogView *self = MATOU_LOG_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
jump_to_end_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MatouLogView *self = MATOU_LOG_VIEW (widget);

  set_following (self, TRUE);
  scroll_to_end (self);
}

static void
on_search_changed_cb (MatouLogView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->needle, g_free);
  if (*text != '\0')
    {
      self->needle_is_ascii = g_str_is_ascii (text);
      self->needle = self->needle_is_ascii ? g_ascii_strdown (text, -1) : g_utf8_casefold (text, -1);
    }
  update_filter (self);
  update_state (self);
}

static void
on_stop_search_cb (MatouLogView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
set_wrap_lines (MatouLogView *self,
                gboolean      wrap_lines)
{
  if (self->wrap_lines == wrap_lines)
    return;

  self->wrap_lines = wrap_lines;
  queue_rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRAP_LINES]);
}

static void
set_problems_only (MatouLogView *self,
                   gboolean      problems_only)
{
  if (self->problems_only == problems_only)
    return;

  self->problems_only = problems_only;
  update_filter (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS_ONLY]);
}

/* --- the object --------------------------------------------------------------- */

/**
 * matou_log_view_set_empty_description:
 * @description: (nullable): what to do to get lines, said while there are
 *   none; %NULL for "Lines appear here as they are written."
 */
void
matou_log_view_set_empty_description (MatouLogView *self,
                                      const char   *description)
{
  g_return_if_fail (MATOU_IS_LOG_VIEW (self));

  if (g_strcmp0 (self->empty_description, description) == 0)
    return;
  g_free (self->empty_description);
  self->empty_description = g_strdup (description);
  update_state (self);
}

/**
 * matou_log_view_set_model:
 * @model: (nullable): the lines to show
 *
 * Shows @model, following its newest line.
 */
void
matou_log_view_set_model (MatouLogView  *self,
                          MatouLogModel *model)
{
  g_return_if_fail (MATOU_IS_LOG_VIEW (self));
  g_return_if_fail (model == NULL || MATOU_IS_LOG_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_model_changed_cb), self);

  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (model));
  self->following = FALSE;
  set_following (self, TRUE);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

MatouLogModel *
matou_log_view_get_model (MatouLogView *self)
{
  g_return_val_if_fail (MATOU_IS_LOG_VIEW (self), NULL);

  return self->model;
}

GtkWidget *
matou_log_view_new (void)
{
  return g_object_new (MATOU_TYPE_LOG_VIEW, NULL);
}

static void
matou_log_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MatouLogView *self = MATOU_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_PROBLEMS_ONLY:
      g_value_set_boolean (value, self->problems_only);
      break;

    case PROP_WRAP_LINES:
      g_value_set_boolean (value, self->wrap_lines);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_log_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MatouLogView *self = MATOU_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      matou_log_view_set_model (self, g_value_get_object (value));
      break;

    case PROP_PROBLEMS_ONLY:
      set_problems_only (self, g_value_get_boolean (value));
      break;

    case PROP_WRAP_LINES:
      set_wrap_lines (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_log_view_dispose (GObject *object)
{
  MatouLogView *self = MATOU_LOG_VIEW (object);

  if (self->follow_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->follow_tick);
      self->follow_tick = 0;
    }
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_changed_cb, self);

  /* The bin's child has an id: unparent it once, here, not again in AdwBin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_LOG_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->factory);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (matou_log_view_parent_class)->dispose (object);
}

static void
matou_log_view_finalize (GObject *object)
{
  MatouLogView *self = MATOU_LOG_VIEW (object);

  g_free (self->needle);
  g_free (self->empty_description);

  G_OBJECT_CLASS (matou_log_view_parent_class)->finalize (object);
}

static void
matou_log_view_class_init (MatouLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = matou_log_view_get_property;
  object_class->set_property = matou_log_view_set_property;
  object_class->dispose = matou_log_view_dispose;
  object_class->finalize = matou_log_view_finalize;
  widget_class->css_changed = matou_log_view_css_changed;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MATOU_TYPE_LOG_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Only warnings and errors pass the filter. */
  properties[PROP_PROBLEMS_ONLY] =
    g_param_spec_boolean ("problems-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Long lines wrap instead of ending in an ellipsis. */
  properties[PROP_WRAP_LINES] =
    g_param_spec_boolean ("wrap-lines", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, stack);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, list_view);
  gtk_widget_class_bind_template_child (widget_class, MatouLogView, jump_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "log-view.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "log-view.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "log-view.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "log-view.jump-to-end", NULL, jump_to_end_activated);
  gtk_widget_class_install_property_action (widget_class, "log-view.problems-only", "problems-only");
  gtk_widget_class_install_property_action (widget_class, "log-view.wrap-lines", "wrap-lines");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "log-view.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "log-view.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "log-view.save", NULL);
}

static void
matou_log_view_init (MatouLogView *self)
{
  GtkEventController *controller;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = GTK_FILTER (gtk_custom_filter_new (match_line, self, NULL));
  self->filter_model = gtk_filter_list_model_new (NULL, NULL);
  /* Filtering 100 000 lines happens in slices, between frames. */
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  /* An incremental filter that ends with no match changes no items: say it. */
  g_signal_connect_swapped (self->filter_model, "notify::pending", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions), self);

  self->factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (self->factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, self->factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Watch, without handling, what the user does to the scrolled list. */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), controller);
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_drag_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (controller, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), controller);

  adjustment = vadjustment (self);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_adjustment_changed_cb), self, G_CONNECT_SWAPPED);

  self->following = TRUE;
  update_state (self);
}
