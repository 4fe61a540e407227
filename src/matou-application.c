/* The application: actions that outlive a window, the About window. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-application.h"
#include "matou-window.h"

struct _MatouApplication
{
  AdwApplication   parent_instance;

  /* Every helper run of the session, for the Logs page. */
  MatouRunHistory *run_history;
};

G_DEFINE_FINAL_TYPE (MatouApplication, matou_application, ADW_TYPE_APPLICATION)

static void
matou_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (matou_window_new (MATOU_APPLICATION (app)));

  gtk_window_present (window);
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

static void
matou_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *about_accels[] = { "F1", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };

  G_APPLICATION_CLASS (matou_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.about", about_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.refresh", refresh_accels);
}

static void
matou_application_finalize (GObject *object)
{
  MatouApplication *self = MATOU_APPLICATION (object);

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
}

static void
matou_application_init (MatouApplication *self)
{
  self->run_history = matou_run_history_new ();
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
