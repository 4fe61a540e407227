/* An ordered list of values to edit: add with validation, remove, move, suggestions, test results. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-list-editor.h"

typedef struct {
  MatouResultKind kind;
  char           *summary;  /* one line, under the value */
  char           *detail;   /* the whole sentence, on demand; NULL when there is none */
} Result;

typedef struct {
  char *value;
  char *title;
  char *note;
  GtkWidget *row;
  GtkWidget *add_button;
} Suggestion;

struct _MatouListEditor
{
  AdwPreferencesGroup    parent_instance;

  GtkStringList         *items;
  GPtrArray             *item_rows;
  GPtrArray             *suggestions;
  GHashTable            *results;      /* value → Result */
  MatouListValidateFunc  validate;
  gpointer               validate_data;
  gboolean               entry_valid;

  GtkWidget             *empty_row;
  AdwEntryRow           *add_row;
  GtkWidget             *add_button;
  AdwExpanderRow        *suggestions_row;
  GtkLabel              *error_label;
  GtkWidget             *buttons;         /* Sort by Result, Test: under the list */
};

G_DEFINE_FINAL_TYPE (MatouListEditor, matou_list_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  SIGNAL_TEST,
  SIGNAL_SORT,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static guint signals[N_SIGNALS];
static GParamSpec *properties[N_PROPS];

static void
result_free (Result *result)
{
  g_free (result->summary);
  g_free (result->detail);
  g_free (result);
}

static void
suggestion_free (Suggestion *suggestion)
{
  g_free (suggestion->value);
  g_free (suggestion->title);
  g_free (suggestion->note);
  g_free (suggestion);
}

static gboolean
contains (MatouListEditor *self,
          const char      *value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->items, i), value))
      return TRUE;

  return FALSE;
}

static const char *
result_css_class (MatouResultKind kind)
{
  switch (kind)
    {
    case MATOU_RESULT_GOOD:
      return "success";
    case MATOU_RESULT_BAD:
      return "error";
    case MATOU_RESULT_NONE:
    case MATOU_RESULT_RUNNING:
    default:
      return "dim-label";
    }
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             GCallback   callback,
             gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  /* Icon-only buttons need a name for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (button, "clicked", callback, data);

  return button;
}

/* A button that shows a test's whole sentence in a popover. */
static GtkWidget *
details_button (const char *detail)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (detail);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("What the test found"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the test found"), -1);

  return button;
}

/* GTK 4.8 names a button made with a mnemonic by its label property,
 * underscore included, and again by the text it shows ("_Add Add"): the
 * label is a child of its own, and the name is given apart. */
static GtkWidget *
mnemonic_button_new (const char *mnemonic,
                     const char *name)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), gtk_label_new_with_mnemonic (mnemonic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return button;
}

static void rebuild (MatouListEditor *self);

static void
emit_changed (MatouListEditor *self)
{
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static guint
row_index (MatouListEditor *self,
           GtkWidget       *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  guint index;

  return g_ptr_array_find (self->item_rows, row, &index) ? index : G_MAXUINT;
}

static void
move_item (MatouListEditor *self,
           guint            from,
           guint            to)
{
  g_autofree char *value = NULL;

  if (from == G_MAXUINT || to >= g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    return;

  value = g_strdup (gtk_string_list_get_string (self->items, from));
  gtk_string_list_remove (self->items, from);
  gtk_string_list_splice (self->items, to, 0, (const char * const []) { value, NULL });
  emit_changed (self);
}

static void
on_up_clicked_cb (GtkWidget *button,
                  gpointer   user_data)
{
  MatouListEditor *self = g_object_get_data (G_OBJECT (button), "editor");
  guint index = row_index (self, button);

  if (index != G_MAXUINT && index > 0)
    move_item (self, index, index - 1);
}

static void
on_down_clicked_cb (GtkWidget *button,
                    gpointer   user_data)
{
  MatouListEditor *self = g_object_get_data (G_OBJECT (button), "editor");
  guint index = row_index (self, button);

  if (index != G_MAXUINT)
    move_item (self, index, index + 1);
}

static void
on_remove_clicked_cb (GtkWidget *button,
                      gpointer   user_data)
{
  MatouListEditor *self = g_object_get_data (G_OBJECT (button), "editor");
  guint index = row_index (self, button);

  if (index == G_MAXUINT)
    return;

  gtk_string_list_remove (self->items, index);
  emit_changed (self);
}

static void
update_suggestions (MatouListEditor *self)
{
  for (guint i = 0; i < self->suggestions->len; i++)
    {
      Suggestion *suggestion = g_ptr_array_index (self->suggestions, i);
      Result *result = g_hash_table_lookup (self->results, suggestion->value);
      g_autofree char *subtitle = NULL;

      gtk_widget_set_sensitive (suggestion->add_button, !contains (self, suggestion->value));
      subtitle = g_strdup_printf ("%s\n%s%s%s", suggestion->value, suggestion->note,
                                  result != NULL ? "\n" : "", result != NULL ? result->summary : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (suggestion->row), subtitle);
      gtk_widget_set_tooltip_text (suggestion->row, result != NULL ? result->detail : NULL);
    }
}

/* The fixed rows go back after the items, so they are taken out first (when they are in). */
static void
detach (MatouListEditor *self,
        GtkWidget       *widget)
{
  if (gtk_widget_get_parent (widget) != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), widget);
}

static void
rebuild (MatouListEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < self->item_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->item_rows, i));
  g_ptr_array_set_size (self->item_rows, 0);

  /* Rows are few (a handful of mirrors or servers): rebuilding them is simplest. */
  detach (self, GTK_WIDGET (self->add_row));
  detach (self, GTK_WIDGET (self->suggestions_row));
  detach (self, GTK_WIDGET (self->error_label));
  detach (self, self->buttons);

  gtk_widget_set_visible (self->empty_row, n == 0);

  for (guint i = 0; i < n; i++)
    {
      const char *value = gtk_string_list_get_string (self->items, i);
      Result *result = g_hash_table_lookup (self->results, value);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *up, *down, *remove;
      g_autofree char *title = NULL;

      /* An address is never hyphenated where it wraps: a hyphen would read as part of it. */
      title = g_markup_printf_escaped ("<span insert_hyphens=\"false\">%s</span>", value);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);

      /* What a test found: one line under the value, the whole sentence on demand. */
      if (result != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result->summary);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
          if (result->kind == MATOU_RESULT_GOOD || result->kind == MATOU_RESULT_BAD)
            {
              GtkWidget *icon = gtk_image_new_from_icon_name (result->kind == MATOU_RESULT_GOOD ?
                                                              "emblem-ok-symbolic" : "dialog-warning-symbolic");

              gtk_widget_add_css_class (icon, result_css_class (result->kind));
              gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              result->kind == MATOU_RESULT_GOOD ? _("Works") : _("Does not work"), -1);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
            }
          if (result->detail != NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), details_button (result->detail));
        }

      up = icon_button ("go-up-symbolic", _("Move up"), G_CALLBACK (on_up_clicked_cb), NULL);
      down = icon_button ("go-down-symbolic", _("Move down"), G_CALLBACK (on_down_clicked_cb), NULL);
      remove = icon_button ("user-trash-symbolic", _("Remove"), G_CALLBACK (on_remove_clicked_cb), NULL);
      g_object_set_data (G_OBJECT (up), "editor", self);
      g_object_set_data (G_OBJECT (down), "editor", self);
      g_object_set_data (G_OBJECT (remove), "editor", self);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < n);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->item_rows, row);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  if (self->suggestions->len > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->suggestions_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->error_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->buttons);

  update_suggestions (self);
}

/* Checks what is typed; an empty entry is not an error. */
static gboolean
check_entry (MatouListEditor  *self,
             const char       *text,
             GError          **error)
{
  if (*text == '\0')
    return TRUE;
  if (contains (self, text))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” is in the list already."), text);
      return FALSE;
    }
  if (self->validate != NULL)
    return self->validate (text, self->validate_data, error);

  return TRUE;
}

/* What is typed in the add box is not in the list until it is added: the note
 * under the box says so, and why it cannot be added when it is not valid. */
static void
set_entry_valid (MatouListEditor *self,
                 gboolean         valid,
                 const char      *message)
{
  g_autofree char *note = NULL;

  if (message != NULL)
    /* TRANSLATORS: what is wrong with a value typed in an add box, then that it is left out */
    note = g_strdup_printf (_("%s It is not added: Apply leaves it out."), message);
  else if (*editable_text (GTK_EDITABLE (self->add_row)) != '\0')
    note = g_strdup (_("Not added yet: press Enter or Add to put it in the list. Apply leaves it out until then."));

  gtk_label_set_text (self->error_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), note != NULL);
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }

  if (self->entry_valid != valid)
    {
      self->entry_valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
on_add_changed_cb (MatouListEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (editable_text (GTK_EDITABLE (self->add_row))));
  g_autoptr(GError) error = NULL;
  gboolean valid = check_entry (self, text, &error);

  set_entry_valid (self, valid, error != NULL ? error->message : NULL);
  gtk_widget_set_sensitive (self->add_button, valid && *text != '\0');
}

static void
on_add_apply_cb (MatouListEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (editable_text (GTK_EDITABLE (self->add_row))));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  if (!check_entry (self, text, &error))
    {
      set_entry_valid (self, FALSE, error->message);
      return;
    }

  gtk_string_list_append (self->items, text);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  emit_changed (self);
  /* The rows were rebuilt around the entry: the focus goes back into its
   * text, so the next value can be typed at once (the row itself would
   * only take the focus as a row). */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->add_row))));
}

/* The whole add row and the message under it, not only its line of text,
 * clear of the page's edges (and of a bar under the page). */
static gboolean
reveal_add_row_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  MatouListEditor *self = MATOU_LIST_EDITOR (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *last = gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? GTK_WIDGET (self->error_label)
                                                                              : GTK_WIDGET (self->add_row);
  graphene_rect_t top, bottom;
  GtkAdjustment *adjustment;
  double margin = 18;

  if (scroller == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (self->add_row), scroller, &top) ||
      !gtk_widget_compute_bounds (last, scroller, &bottom))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (bottom.origin.y + bottom.size.height + margin > gtk_adjustment_get_page_size (adjustment))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bottom.origin.y +
                              bottom.size.height + margin - gtk_adjustment_get_page_size (adjustment));
  else if (top.origin.y < margin)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top.origin.y - margin);

  return G_SOURCE_REMOVE;
}

static void
on_add_focus_enter_cb (MatouListEditor *self)
{
  /* After the viewport has scrolled to the text itself. */
  gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_add_row_tick_cb, NULL, NULL);
}

/**
 * matou_list_editor_prepare_add:
 * @value: (nullable): a value to put in the add box, not yet added
 *
 * Gets the list ready for the user to add something, as a fix elsewhere
 * suggests: @value typed in the add box (the user adds it, or not), or
 * without one the suggestions unfolded; the focus in the add box.
 */
void
matou_list_editor_prepare_add (MatouListEditor *self,
                               const char      *value)
{
  g_return_if_fail (MATOU_IS_LIST_EDITOR (self));

  if (value != NULL && *value != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), value);
  else if (self->suggestions->len > 0)
    adw_expander_row_set_expanded (self->suggestions_row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->add_row))));
}

static void
on_suggestion_add_cb (GtkWidget *button,
                      gpointer   user_data)
{
  MatouListEditor *self = g_object_get_data (G_OBJECT (button), "editor");
  const char *value = g_object_get_data (G_OBJECT (button), "value");

  if (!contains (self, value))
    {
      gtk_string_list_append (self->items, value);
      emit_changed (self);
    }
}

static void
on_test_clicked_cb (MatouListEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_TEST], 0);
}

static void
on_sort_clicked_cb (MatouListEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_SORT], 0);
}

static void
matou_list_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MatouListEditor *self = MATOU_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->entry_valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_list_editor_dispose (GObject *object)
{
  MatouListEditor *self = MATOU_LIST_EDITOR (object);

  /* The rows and widgets rebuild() puts back each time are held apart from the group. */
  g_clear_object (&self->add_row);
  g_clear_object (&self->suggestions_row);
  g_clear_object (&self->error_label);
  g_clear_object (&self->buttons);

  G_OBJECT_CLASS (matou_list_editor_parent_class)->dispose (object);
}

static void
matou_list_editor_finalize (GObject *object)
{
  MatouListEditor *self = MATOU_LIST_EDITOR (object);

  g_clear_object (&self->items);
  g_ptr_array_unref (self->item_rows);
  g_ptr_array_unref (self->suggestions);
  g_hash_table_unref (self->results);

  G_OBJECT_CLASS (matou_list_editor_parent_class)->finalize (object);
}

static void
matou_list_editor_class_init (MatouListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = matou_list_editor_get_property;
  object_class->dispose = matou_list_editor_dispose;
  object_class->finalize = matou_list_editor_finalize;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TEST] = g_signal_new ("test", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SORT] = g_signal_new ("sort", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
matou_list_editor_init (MatouListEditor *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *test = mnemonic_button_new (_("_Test"), _("Test"));
  GtkWidget *sort = mnemonic_button_new (_("_Sort by Result"), _("Sort by Result"));
  GtkEventController *focus;

  self->items = gtk_string_list_new (NULL);
  self->item_rows = g_ptr_array_new ();
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) suggestion_free);
  self->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) result_free);
  self->entry_valid = TRUE;

  g_signal_connect_swapped (test, "clicked", G_CALLBACK (on_test_clicked_cb), self);
  g_signal_connect_swapped (sort, "clicked", G_CALLBACK (on_sort_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), sort);
  gtk_box_append (GTK_BOX (buttons), test);
  /* Under the list, as buttons that look like buttons: in the header they squeezed the
   * group's description into a narrow column on a narrow window. */
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  self->buttons = g_object_ref_sink (buttons);

  self->empty_row = adw_action_row_new ();
  /* It says the list is empty; there is nothing to do on it. Insensitive as well as
   * not focusable: GTK 4.8's list box enters a list by Tab at its first sensitive
   * row, and when that row takes no focus it skips the whole list, the add box
   * with it. */
  gtk_widget_set_focusable (self->empty_row, FALSE);
  gtk_widget_set_sensitive (self->empty_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  g_signal_connect_swapped (self->add_row, "changed", G_CALLBACK (on_add_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_add_focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->add_row), focus);
  g_signal_connect_swapped (self->add_row, "entry-activated", G_CALLBACK (on_add_apply_cb), self);
  /* A visible button as well as Enter: what can be added is plain to see. */
  self->add_button = mnemonic_button_new (_("_Add"), _("Add"));
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_apply_cb), self);
  adw_entry_row_add_suffix (self->add_row, self->add_button);
  g_object_ref_sink (self->add_row);

  self->suggestions_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestions_row), _("Suggestions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->suggestions_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Suggestions"), -1);
  g_object_ref_sink (self->suggestions_row);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_object_ref_sink (self->error_label);

  rebuild (self);
}

void
matou_list_editor_set_validator (MatouListEditor       *self,
                                 MatouListValidateFunc  func,
                                 gpointer               user_data)
{
  self->validate = func;
  self->validate_data = user_data;
}

void
matou_list_editor_set_add_title (MatouListEditor *self,
                                 const char      *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), title);
}

void
matou_list_editor_set_empty_text (MatouListEditor *self,
                                  const char      *text)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), text);
}

char **
matou_list_editor_get_items (MatouListEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->items, i));

  return g_strv_builder_end (builder);
}

void
matou_list_editor_set_items (MatouListEditor    *self,
                             const char * const *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  gtk_string_list_splice (self->items, 0, n, items);
  rebuild (self);
}

void
matou_list_editor_add_suggestion (MatouListEditor *self,
                                  const char      *value,
                                  const char      *title,
                                  const char      *note)
{
  Suggestion *suggestion = g_new0 (Suggestion, 1);
  g_autofree char *add_label = g_strdup_printf (_("Add %s"), title);

  suggestion->value = g_strdup (value);
  suggestion->title = g_strdup (title);
  suggestion->note = g_strdup (note != NULL ? note : "");
  suggestion->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (suggestion->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (suggestion->row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (suggestion->row), 4);

  suggestion->add_button = gtk_button_new_with_label (_("Add"));
  gtk_widget_set_valign (suggestion->add_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suggestion->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  g_object_set_data (G_OBJECT (suggestion->add_button), "editor", self);
  g_object_set_data_full (G_OBJECT (suggestion->add_button), "value", g_strdup (value), g_free);
  g_signal_connect (suggestion->add_button, "clicked", G_CALLBACK (on_suggestion_add_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (suggestion->row), suggestion->add_button);

  adw_expander_row_add_row (self->suggestions_row, suggestion->row);
  g_ptr_array_add (self->suggestions, suggestion);
  rebuild (self);
}

char **
matou_list_editor_get_suggestions (MatouListEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->suggestions->len; i++)
    g_strv_builder_add (builder, ((Suggestion *) g_ptr_array_index (self->suggestions, i))->value);

  return g_strv_builder_end (builder);
}

void
matou_list_editor_set_result (MatouListEditor *self,
                              const char      *value,
                              MatouResultKind  kind,
                              const char      *summary,
                              const char      *detail)
{
  Result *result = g_new0 (Result, 1);

  result->kind = kind;
  result->summary = g_strdup (summary);
  result->detail = g_strdup (detail);
  g_hash_table_replace (self->results, g_strdup (value), result);
  rebuild (self);
}

void
matou_list_editor_clear_results (MatouListEditor *self)
{
  g_hash_table_remove_all (self->results);
  rebuild (self);
}

/* Puts the items named in @order first, in that order; the others keep theirs, after them. */
void
matou_list_editor_reorder (MatouListEditor    *self,
                           const char * const *order)
{
  g_auto(GStrv) items = matou_list_editor_get_items (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) sorted = NULL;

  for (guint i = 0; order[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) items, order[i]))
      g_strv_builder_add (builder, order[i]);
  for (guint i = 0; items[i] != NULL; i++)
    if (!g_strv_contains (order, items[i]))
      g_strv_builder_add (builder, items[i]);

  sorted = g_strv_builder_end (builder);
  matou_list_editor_set_items (self, (const char * const *) sorted);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
matou_list_editor_get_valid (MatouListEditor *self)
{
  return self->entry_valid;
}
