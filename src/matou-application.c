/* The application: actions that outlive a window, the About window. */
#include "config.h"

#include <glib/gi18n.h>
#include <sys/resource.h>

#include "matou-application.h"
#include "matou-error.h"
#include "matou-window.h"

struct _MatouApplication
{
  AdwApplication   parent_instance;

  /* Every helper run of the session, for the Logs page. */
  MatouRunHistory *run_history;
  MatouHelperRunner *runner;
  MatouDaemon *daemon;
};

G_DEFINE_FINAL_TYPE (MatouApplication, matou_application, ADW_TYPE_APPLICATION)

/* For the startup benchmark (tests/bench): the monotonic time of the first
 * frame drawn, on standard output. Unset, it costs one getenv. */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, user_data);
  /* The CPU time spent to get there, all threads: a busy machine stretches the wall time. */
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-us=%" G_GINT64_FORMAT " cpu-us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
           + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

static void
matou_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gboolean first = window == NULL;

  if (first)
    window = GTK_WINDOW (matou_window_new (MATOU_APPLICATION (app)));

  gtk_window_present (window);

  if (first && g_getenv ("MATOU_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (on_first_frame_cb), NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets each save its size; quitting follows. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Matou developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", "Matou",
                        "application-icon", APP_ID,
                        "developer-name", _("The Matou developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Install and configure Docker on your desktop without a terminal: compare ways to ship a Python app, install Docker Engine, set its proxy, registry mirrors and DNS, and watch the daemon restart."),
                        "website", "https://github.com/matou/matou",
                        "issue-url", "https://github.com/matou/matou/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* TRANSLATORS: put your name here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
toggle_proxy_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MatouApplication) self = user_data;
  g_autoptr(MatouHelperResult) helper_result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  /* The run reports its outcome where the user is; the action's state follows the files. */
  helper_result = matou_daemon_switch_proxy_finish (MATOU_DAEMON (source), result, &error);
  if (!g_error_matches (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE))
    return;

  /* Nothing to turn on yet: the form is where the address goes. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "settings");
}

/* One click: the addresses the switch turns on are the model's, typed or remembered. */
static void
toggle_proxy_change_state (GSimpleAction *action,
                           GVariant      *value,
                           gpointer      user_data)
{
  MatouApplication *self = MATOU_APPLICATION (user_data);

  matou_daemon_switch_proxy_async (self->daemon, g_variant_get_boolean (value),
                                   NULL, toggle_proxy_done_cb, g_object_ref (self));
}

static void
on_proxy_on_changed_cb (MatouApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-proxy");
  gboolean on = matou_daemon_get_proxy (self->daemon, NULL, NULL, NULL);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (on));
}

static void
on_busy_changed_cb (MatouApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-proxy");

  /* A remote Engine's proxy is not switched from here, nor a rootless daemon's the helper would not find. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               !matou_daemon_get_busy (self->daemon) &&
                               matou_daemon_get_applies_here (self->daemon));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "toggle-proxy", .state = "false", .change_state = toggle_proxy_change_state },
};

static void
matou_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *about_accels[] = { "F1", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *proxy_accels[] = { "<Control><Shift>p", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  MatouApplication *self = MATOU_APPLICATION (app);

  G_APPLICATION_CLASS (matou_application_parent_class)->startup (app);

  /* Text that can be selected is there to copy with the mouse: the keyboard
   * passing over it must not select all of it (Alt+1 on Overview, an
   * article's first command). */
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.about", about_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.toggle-proxy", proxy_accels);
  /* GTK sets this one only for a gtk/help-overlay.ui, which Matou does not have (matou-window.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);

  /* Read the daemon's files once the application runs, not when it is merely asked to show a window. */
  /* One helper run at a time, whichever page asks; quitting waits for it. */
  self->runner = matou_helper_runner_new (self->run_history, app);
  self->daemon = matou_daemon_new (self->runner);
  g_signal_connect_swapped (self->daemon, "notify::proxy-on", G_CALLBACK (on_proxy_on_changed_cb), self);
  g_signal_connect_swapped (self->daemon, "notify::busy", G_CALLBACK (on_busy_changed_cb), self);
  g_signal_connect_swapped (self->daemon, "endpoint-changed", G_CALLBACK (on_busy_changed_cb), self);
  /* The Engine's answer may tell a rootless daemon the helper would not find. */
  g_signal_connect_swapped (self->daemon, "engine-changed", G_CALLBACK (on_busy_changed_cb), self);
}

/* Before the application registers or starts: no display and no session bus needed. */
static int
matou_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("matou %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
matou_application_finalize (GObject *object)
{
  MatouApplication *self = MATOU_APPLICATION (object);

  g_clear_object (&self->daemon);
  g_clear_object (&self->runner);
  g_clear_object (&self->run_history);

  G_OBJECT_CLASS (matou_application_parent_class)->finalize (object);
}

static void
matou_application_class_init (MatouApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = matou_application_finalize;

  app_class->activate = matou_application_activate;
  app_class->startup = matou_application_startup;
  app_class->handle_local_options = matou_application_handle_local_options;
}

static void
matou_application_init (MatouApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[doctor [--json] [--pull IMAGE] [--no-network] | export --ansible DIR | export --shell FILE]"));
  self->run_history = matou_run_history_new ();
}

MatouDaemon *
matou_application_get_daemon (MatouApplication *self)
{
  g_return_val_if_fail (MATOU_IS_APPLICATION (self), NULL);

  return self->daemon;
}

MatouHelperRunner *
matou_application_get_helper_runner (MatouApplication *self)
{
  g_return_val_if_fail (MATOU_IS_APPLICATION (self), NULL);

  return self->runner;
}

MatouRunHistory *
matou_application_get_run_history (MatouApplication *self)
{
  g_return_val_if_fail (MATOU_IS_APPLICATION (self), NULL);

  return self->run_history;
}

MatouApplication *
matou_application_new (void)
{
  return g_object_new (MATOU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/matou/Matou",
                       NULL);
}
