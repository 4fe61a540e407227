/* The main window: a header bar, the page switcher and the pages. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-page.h"
#include "matou-install-page.h"
#include "matou-logs-page.h"
#include "matou-overview-page.h"
#include "matou-settings-page.h"
#include "matou-troubleshoot-page.h"
#include "matou-window.h"

struct _MatouWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  MatouApplication     *application;     /* not owned: it owns the window */
  gboolean              been_active;     /* focused once: losing the focus means something */

  AdwViewStack         *stack;
  MatouOverviewPage    *overview_page;
  /* The other pages are built the first time they are shown, into their
   * slot: the first frame waits for none of them, and what a page reads
   * (the Compare content, the install plans) is read when it is wanted.
   * NULL until then. */
  AdwBin               *compare_slot;
  AdwBin               *install_slot;
  AdwBin               *settings_slot;
  AdwBin               *logs_slot;
  AdwBin               *troubleshoot_slot;
  MatouSettingsPage    *settings_page;
  MatouLogsPage        *logs_page;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (MatouWindow, matou_window, ADW_TYPE_APPLICATION_WINDOW)

static void
matou_window_save_size (MatouWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
matou_window_close_request (GtkWindow *window)
{
  matou_window_save_size (MATOU_WINDOW (window));

  return GTK_WINDOW_CLASS (matou_window_parent_class)->close_request (window);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MatouWindow *self = MATOU_WINDOW (widget);

  matou_overview_page_refresh (self->overview_page, TRUE);
}

/* --- pages built when first shown ------------------------------------------ */

static GtkWidget *
build_page (MatouWindow *self,
            AdwBin      *slot)
{
  MatouDaemon *daemon = matou_application_get_daemon (self->application);
  MatouHelperRunner *runner = matou_application_get_helper_runner (self->application);
  GtkWidget *page;

  if (slot == self->compare_slot)
    {
      page = g_object_new (MATOU_TYPE_COMPARE_PAGE, NULL);
      matou_compare_page_set_daemon (MATOU_COMPARE_PAGE (page), daemon);
    }
  else if (slot == self->install_slot)
    {
      page = g_object_new (MATOU_TYPE_INSTALL_PAGE, NULL);
      matou_install_page_set_runner (MATOU_INSTALL_PAGE (page), runner);
    }
  else if (slot == self->settings_slot)
    {
      page = g_object_new (MATOU_TYPE_SETTINGS_PAGE, NULL);
      self->settings_page = MATOU_SETTINGS_PAGE (page);
      matou_settings_page_set_daemon (self->settings_page, daemon);
    }
  else if (slot == self->troubleshoot_slot)
    {
      page = g_object_new (MATOU_TYPE_TROUBLESHOOT_PAGE, NULL);
      matou_troubleshoot_page_set_runner (MATOU_TROUBLESHOOT_PAGE (page), runner);
    }
  else
    {
      /* It opens on the newest run of the application's history. */
      page = g_object_new (MATOU_TYPE_LOGS_PAGE, NULL);
      self->logs_page = MATOU_LOGS_PAGE (page);
    }

  return page;
}

/* The page of that name, built and put in its slot if it was not yet. */
static void
ensure_page (MatouWindow *self,
             const char  *name)
{
  AdwBin *slot;

  if (name == NULL || self->application == NULL)
    return;
  if (g_str_equal (name, "compare"))
    slot = self->compare_slot;
  else if (g_str_equal (name, "install"))
    slot = self->install_slot;
  else if (g_str_equal (name, "settings"))
    slot = self->settings_slot;
  else if (g_str_equal (name, "logs"))
    slot = self->logs_slot;
  else if (g_str_equal (name, "troubleshoot"))
    slot = self->troubleshoot_slot;
  else
    return;

  if (adw_bin_get_child (slot) == NULL)
    adw_bin_set_child (slot, build_page (self, slot));
}

static void
on_visible_page_changed_cb (MatouWindow *self)
{
  ensure_page (self, adw_view_stack_get_visible_child_name (self->stack));
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MatouWindow *self = MATOU_WINDOW (widget);

  GtkWidget *page;

  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (parameter, NULL));

  /* The keyboard starts at the page's first control, not on a text that
   * can be selected (a label takes the focus only to be copied from). */
  page = adw_view_stack_get_visible_child (self->stack);
  gtk_root_set_focus (GTK_ROOT (self), NULL);
  for (guint i = 0; i < 64 && gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD); i++)
    if (!GTK_IS_LABEL (gtk_root_get_focus (GTK_ROOT (self))))
      break;
}

/* The shortcuts window is built when first asked for: GTK builds one from
 * gtk/help-overlay.ui with every window, a whole window of widgets that few
 * people open, about 1 MiB of the window's memory from its first frame. */
static void
show_help_overlay_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/matou/Matou/matou-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

/* A fix of the Diagnose page: the Settings page, and a note of what to
 * change there. Parameter: the field ("proxy", "mirrors", "dns") and a
 * suggested value ("" for none). The value is filled in where it goes (or
 * the suggestions unfolded) and the focus put there; nothing is applied:
 * the user applies what they choose. */
static void
show_settings_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MatouWindow *self = MATOU_WINDOW (widget);
  const char *field = NULL;
  const char *value = NULL;
  const char *where;
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&s)", &field, &value);
  if (g_str_equal (field, "proxy"))
    where = _("Change the daemon’s proxy here, then apply.");
  else if (g_str_equal (field, "dns"))
    where = _("Change the DNS servers here, then apply.");
  else
    where = _("Change the registry mirrors here, then apply.");

  adw_view_stack_set_visible_child_name (self->stack, "settings");
  ensure_page (self, "settings");
  matou_settings_page_show_field (self->settings_page, field, value);
  /* Translators: the first %s says where to change something, the second is a suggested value. */
  text = *value != '\0' ? g_strdup_printf (_("%s Suggested: %s"), where, value) : g_strdup (where);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Hidden (minimised, unmapped) or not focused: nobody looks, so the Engine
 * poller waits. A window never focused yet (without a window manager none
 * is) is not "unfocused": it keeps polling while a page shows the Engine. */
static void
update_engine_pause (MatouWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  gboolean active = gtk_window_is_active (GTK_WINDOW (self));
  gboolean hidden = surface == NULL || !gdk_surface_get_mapped (surface) ||
                    (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_MINIMIZED) != 0;

  if (active)
    self->been_active = TRUE;
  if (self->application != NULL)
    matou_daemon_pause_engine (matou_application_get_daemon (self->application),
                               hidden || (self->been_active && !active));
}

static void
on_active_changed_cb (MatouWindow *self)
{
  /* Coming back to the window is when a user expects fresh facts; the
   * first focus, at start, comes with the first look anyway. */
  if (gtk_window_is_active (GTK_WINDOW (self)) && self->been_active)
    matou_overview_page_refresh (self->overview_page, TRUE);
  update_engine_pause (self);
}

static void
matou_window_realize (GtkWidget *widget)
{
  MatouWindow *self = MATOU_WINDOW (widget);
  GdkSurface *surface;

  GTK_WIDGET_CLASS (matou_window_parent_class)->realize (widget);

  surface = gtk_native_get_surface (GTK_NATIVE (self));
  g_signal_connect_object (surface, "notify::state", G_CALLBACK (update_engine_pause), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (surface, "notify::mapped", G_CALLBACK (update_engine_pause), self, G_CONNECT_SWAPPED);
}

/* The Logs page opens on the run the user just started (a Logs page not
 * built yet opens on it by itself: it is the newest). */
static void
on_run_started_cb (MatouWindow *self,
                   MatouRun    *run)
{
  if (self->logs_page != NULL)
    matou_logs_page_select_run (self->logs_page, run);
}

/* A run started elsewhere (the proxy switch on Overview) still reports where the user is. */
static void
on_run_finished_cb (MatouWindow *self,
                    MatouRun    *run)
{
  AdwToast *toast;

  if (matou_run_get_state (run) == MATOU_RUN_CANCELLED)
    toast = adw_toast_new (_("Authentication was cancelled. Nothing was changed."));
  else
    {
      toast = adw_toast_new (matou_run_get_summary (run));
      adw_toast_set_button_label (toast, _("Details"));
      adw_toast_set_action_name (toast, "win.show-page");
      adw_toast_set_action_target_value (toast, g_variant_new_string ("logs"));
      adw_toast_set_timeout (toast, 8);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The application is not set yet while the window is constructed: the pages get its models here. */
static void
matou_window_attach (MatouWindow      *self,
                     MatouApplication *app)
{
  MatouDaemon *daemon = matou_application_get_daemon (app);
  MatouHelperRunner *runner = matou_application_get_helper_runner (app);

  self->application = app;
  matou_overview_page_set_daemon (self->overview_page, daemon);
  matou_overview_page_set_runner (self->overview_page, runner);
  /* The page shown first, when it is not Overview. */
  on_visible_page_changed_cb (self);
  /* Every run, whichever page started it. */
  g_signal_connect_object (runner, "run-finished", G_CALLBACK (on_run_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (runner, "run-started", G_CALLBACK (on_run_started_cb), self, G_CONNECT_SWAPPED);
}

static void
matou_window_dispose (GObject *object)
{
  MatouWindow *self = MATOU_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (matou_window_parent_class)->dispose (object);
}

static void
matou_window_class_init (MatouWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = matou_window_dispose;
  widget_class->realize = matou_window_realize;
  window_class->close_request = matou_window_close_request;

  g_type_ensure (MATOU_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, compare_slot);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, install_slot);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, settings_slot);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, logs_slot);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, troubleshoot_slot);
  gtk_widget_class_bind_template_child (widget_class, MatouWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.show-settings", "(ss)", show_settings_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "compare");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "install");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "settings");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "logs");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK, "win.show-page", "s", "troubleshoot");
}

static void
matou_window_init (MatouWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name", G_CALLBACK (on_visible_page_changed_cb), self);
}

MatouWindow *
matou_window_new (MatouApplication *application)
{
  MatouWindow *self = g_object_new (MATOU_TYPE_WINDOW, "application", application, NULL);

  matou_window_attach (self, application);

  return self;
}
