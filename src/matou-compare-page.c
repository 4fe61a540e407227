/* The Compare page: ways to ship a Python app side by side, a decision guide, and where each one starts. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-article-view.h"
#include "matou-compare-content.h"
#include "matou-compare-guide.h"
#include "matou-compare-matrix.h"
#include "matou-compare-option-view.h"
#include "matou-compare-page.h"

struct _MatouComparePage
{
  AdwBin               parent_instance;

  MatouCompareContent *content;
  MatouDaemon *daemon;  /* whether Docker runs: the guide's next step follows */

  AdwLeaflet          *leaflet;          /* the bin's child */
  GtkWidget           *main_page;
  GtkWidget           *detail_page;
  MatouCompareGuide   *guide;
  MatouCompareMatrix  *matrix;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *scenarios_group;
  AdwPreferencesGroup *platforms_group;
  GtkLabel            *detail_title;
  GtkWidget           *back_button;
  AdwBin              *detail_bin;
  GtkWidget           *return_focus;     /* weak: what had the focus when a detail opened */
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (MatouComparePage, matou_compare_page, ADW_TYPE_BIN)

static void
show_detail (MatouComparePage *self,
             GtkWidget        *view,
             const char       *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Coming back puts the focus where it was, not at the top of the page. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->main_page))
    g_set_weak_pointer (&self->return_focus, focus);

  gtk_label_set_text (self->detail_title, title);
  adw_bin_set_child (self->detail_bin, view);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_page);
  gtk_widget_grab_focus (self->back_button);
}

static MatouCompareOptionView *
show_option (MatouComparePage *self,
             const char       *option_id)
{
  const MatouCompareOption *option = matou_compare_content_find_option (self->content, option_id);
  GtkWidget *view;

  if (option == NULL)
    return NULL;

  view = matou_compare_option_view_new (self->content, option_id);
  show_detail (self, view, option->name);

  return MATOU_COMPARE_OPTION_VIEW (view);
}

static void
show_option_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_option (MATOU_COMPARE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
show_start_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MatouCompareOptionView *view = show_option (MATOU_COMPARE_PAGE (widget), g_variant_get_string (parameter, NULL));

  if (view != NULL)
    matou_compare_option_view_reveal_start (view);
}

static void
show_article_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MatouComparePage *self = MATOU_COMPARE_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  const MatouCompareArticle *article = matou_compare_content_find_article (self->content, id);

  if (article == NULL)
    return;

  /* An article that is another page of the window (Linux → Install) goes there. */
  if (article->page != NULL)
    gtk_widget_activate_action (widget, "win.show-page", "s", article->page);
  else
    show_detail (self, matou_compare_article_view_new (self->content, id), article->title);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MatouComparePage *self = MATOU_COMPARE_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->main_page);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Copied to the clipboard")));
}

/* The one place that decides what can be done: going back needs somewhere to go back from. */
static void
update_actions (MatouComparePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.back",
                                 adw_leaflet_get_visible_child (self->leaflet) == self->detail_page);
}

/* Back by the button, Escape, Alt+Left, a swipe or the mouse's back button alike. */
static void
on_visible_child_cb (MatouComparePage *self)
{
  /* The template notifies while it is built, before the page knows its leaflet. */
  if (self->leaflet == NULL)
    return;

  update_actions (self);

  if (adw_leaflet_get_visible_child (self->leaflet) != self->main_page)
    return;

  if (self->return_focus != NULL)
    {
      gtk_widget_grab_focus (self->return_focus);
      g_clear_weak_pointer (&self->return_focus);
    }
  /* Without animations no transition runs to wait for. */
  if (!adw_leaflet_get_child_transition_running (self->leaflet))
    adw_bin_set_child (self->detail_bin, NULL);
}

/* The detail page is built anew each time; when it slides away, it goes. */
static void
on_child_transition_running_cb (MatouComparePage *self)
{
  if (self->leaflet == NULL)
    return;

  if (!adw_leaflet_get_child_transition_running (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->main_page)
    adw_bin_set_child (self->detail_bin, NULL);
}

static GtkWidget *
link_row_new (const char *title,
              const char *subtitle,
              const char *action_name,
              const char *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (target));

  return row;
}

static void
show_content (MatouComparePage *self)
{
  for (guint i = 0; i < self->content->options->len; i++)
    {
      const MatouCompareOption *option = g_ptr_array_index (self->content->options, i);
      GtkWidget *row = link_row_new (option->name, option->summary, "compare.show-option", option->id);

      /* The whole summary: cut after two lines, it stopped mid-sentence. */
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->options_group, row);
    }

  for (guint i = 0; i < self->content->articles->len; i++)
    {
      const MatouCompareArticle *article = g_ptr_array_index (self->content->articles, i);
      AdwPreferencesGroup *group = g_str_equal (article->kind, "scenario") ? self->scenarios_group : self->platforms_group;

      adw_preferences_group_add (group, link_row_new (article->title, article->summary,
                                                      "compare.show-article", article->id));
    }

  matou_compare_guide_set_content (self->guide, self->content);
  matou_compare_matrix_set_content (self->matrix, self->content);
}

/* Coming to the page is when the advice should fit the machine as it is now. */
static void
on_map_cb (MatouComparePage *self)
{
  if (self->daemon != NULL)
    matou_daemon_refresh_engine (self->daemon);
}

/**
 * matou_compare_page_set_daemon:
 * @daemon: the application's one view of the daemon
 *
 * The recommendation's next step follows whether Docker answers here.
 */
void
matou_compare_page_set_daemon (MatouComparePage    *self,
                               MatouDaemon *daemon)
{
  g_return_if_fail (MATOU_IS_COMPARE_PAGE (self));
  g_return_if_fail (MATOU_IS_DAEMON (daemon));
  g_return_if_fail (self->daemon == NULL);

  self->daemon = g_object_ref (daemon);
  g_object_bind_property (daemon, "engine-running", self->guide, "docker-ready", G_BINDING_SYNC_CREATE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map_cb (self);
}

static void
ensure_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;
  loaded = TRUE;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/matou/Matou/matou-compare.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
matou_compare_page_dispose (GObject *object)
{
  MatouComparePage *self = MATOU_COMPARE_PAGE (object);

  g_clear_weak_pointer (&self->return_focus);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_COMPARE_PAGE);
  g_clear_pointer (&self->content, matou_compare_content_unref);
  g_clear_object (&self->daemon);

  G_OBJECT_CLASS (matou_compare_page_parent_class)->dispose (object);
}

static void
matou_compare_page_class_init (MatouComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_compare_page_dispose;

  g_type_ensure (MATOU_TYPE_COMPARE_GUIDE);
  g_type_ensure (MATOU_TYPE_COMPARE_MATRIX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, main_page);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, detail_page);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, guide);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, matrix);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, options_group);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, scenarios_group);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, platforms_group);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, MatouComparePage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_child_transition_running_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_cb);

  gtk_widget_class_install_action (widget_class, "compare.show-option", "s", show_option_activated);
  gtk_widget_class_install_action (widget_class, "compare.show-start", "s", show_start_activated);
  gtk_widget_class_install_action (widget_class, "compare.show-article", "s", show_article_activated);
  gtk_widget_class_install_action (widget_class, "compare.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "compare.copy", "s", copy_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "compare.back", NULL);
}

static void
matou_compare_page_init (MatouComparePage *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: as the bin's own child it would be unparented twice. */
  self->leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (self)));
  ensure_style ();
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  /* The content is compiled into the program, so reading it does not touch the disk. */
  bytes = g_resources_lookup_data (MATOU_COMPARE_CONTENT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    self->content = matou_compare_content_new_from_bytes (bytes, &error);

  if (self->content == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->error_page));
      return;
    }

  show_content (self);
  update_actions (self);
}
