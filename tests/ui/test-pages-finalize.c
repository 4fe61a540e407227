/* Every page and the models behind it, made and dropped under a real display: nothing they start keeps them alive. */
#include <glib/gstdio.h>

#include "matou-compare-page.h"
#include "matou-daemon.h"
#include "matou-install-page.h"
#include "matou-logs-page.h"
#include "matou-overview-page.h"
#include "matou-settings-page.h"
#include "matou-troubleshoot-page.h"

/* Lets the page's own work (detection, file reads, the Engine poller's first look) end, then
 * asserts that dropping the last reference finalises it: a reference still held is a leak. */
static void
assert_dropped (gpointer object)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (G_OBJECT (object)->ref_count > 1 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
  if (G_OBJECT (object)->ref_count > 1)
    g_error ("%s still has %u references after its work ended",
             G_OBJECT_TYPE_NAME (object), G_OBJECT (object)->ref_count);

  g_assert_finalize_object (object);
}

static GtkWidget *
shown (GType type)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (type, NULL));
  GtkWidget *window = gtk_window_new ();

  /* On screen, so that map and unmap run as for a user. */
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));

  return page;
}

static void
test_pages_and_models_finalize (void)
{
  g_autofree char *dir = g_dir_make_tmp ("matou-pages-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (dir, "daemon.json", NULL);
  MatouRunHistory *history;
  MatouHelperRunner *runner;
  MatouDaemon *daemon;
  GtkWidget *page;

  g_assert_true (g_file_set_contents (json, "{\"registry-mirrors\": [\"https://a.example\"]}", -1, NULL));
  g_setenv ("MATOU_DAEMON_JSON", json, TRUE);
  g_setenv ("MATOU_DROPIN_DIR", dir, TRUE);
  g_setenv ("DOCKER_HOST", "unix:///nonexistent/matou-test.sock", TRUE);

  history = matou_run_history_new ();
  runner = matou_helper_runner_new (history, NULL);
  daemon = matou_daemon_new (runner);

  page = g_object_ref_sink (g_object_new (MATOU_TYPE_OVERVIEW_PAGE, NULL));
  matou_overview_page_set_daemon (MATOU_OVERVIEW_PAGE (page), daemon);
  g_object_unref (page);
  page = shown (MATOU_TYPE_OVERVIEW_PAGE);
  assert_dropped (page);

  page = g_object_ref_sink (g_object_new (MATOU_TYPE_SETTINGS_PAGE, NULL));
  matou_settings_page_set_daemon (MATOU_SETTINGS_PAGE (page), daemon);
  assert_dropped (page);

  page = g_object_ref_sink (g_object_new (MATOU_TYPE_INSTALL_PAGE, NULL));
  matou_install_page_set_runner (MATOU_INSTALL_PAGE (page), runner);
  assert_dropped (page);

  assert_dropped (shown (MATOU_TYPE_LOGS_PAGE));
  assert_dropped (shown (MATOU_TYPE_COMPARE_PAGE));
  assert_dropped (shown (MATOU_TYPE_TROUBLESHOOT_PAGE));

  assert_dropped (daemon);
  assert_dropped (runner);
  assert_dropped (history);

  g_unlink (json);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pages/finalize", test_pages_and_models_finalize);

  return g_test_run ();
}
