/* The helper runner with a stand-in helper: one run at a time, every run in the history, quitting waits for the run. */
#include "matou-error.h"
#include "matou-helper-runner.h"

static void
use_stand_in (double      seconds,
              int         status)
{
  g_autofree char *script = g_build_filename (g_getenv ("MATOU_TEST_LIB"), "stand-in-helper.py", NULL);
  g_autofree char *command = g_strdup_printf ("/usr/bin/python3 %s %.2f %d", script, seconds, status);

  g_setenv ("MATOU_HELPER_COMMAND", command, TRUE);
}

typedef struct {
  GMainLoop         *loop;
  MatouHelperResult *result;
  GError            *error;
  int                pending;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;
  g_autoptr(GError) error = NULL;
  MatouHelperResult *answer = matou_helper_runner_run_finish (MATOU_HELPER_RUNNER (source), result, &error);

  if (answer != NULL)
    {
      matou_helper_result_free (wait->result);
      wait->result = answer;
    }
  else if (wait->error == NULL)
    wait->error = g_steal_pointer (&error);
  if (--wait->pending == 0 && wait->loop != NULL)
    g_main_loop_quit (wait->loop);
}

static void
test_one_run_at_a_time (void)
{
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  g_autoptr(MatouHelperRunner) runner = matou_helper_runner_new (history, NULL);
  Wait wait = { .loop = g_main_loop_new (NULL, FALSE), .pending = 2 };
  MatouRun *first;
  MatouRun *second;
  g_autoptr(MatouRun) newest = NULL;

  use_stand_in (0.5, 0);
  g_assert_false (matou_helper_runner_get_busy (runner));
  g_assert_null (matou_helper_runner_dup_busy_reason (runner));

  first = matou_helper_runner_run_async (runner, "apply", "{}", "Apply Docker settings", "Applied.",
                                         NULL, done_cb, &wait);
  g_assert_nonnull (first);
  g_assert_true (matou_helper_runner_get_busy (runner));

  /* A second run while the first goes on is refused, and says which run holds the helper. */
  second = matou_helper_runner_run_async (runner, "install", "{}", "Install Docker Engine", "Installed.",
                                          NULL, done_cb, &wait);
  g_assert_null (second);

  g_main_loop_run (wait.loop);
  g_assert_error (wait.error, MATOU_ERROR, MATOU_ERROR_BUSY);
  g_assert_nonnull (strstr (wait.error->message, "“Apply Docker settings” is still running"));
  g_assert_nonnull (wait.result);
  g_assert_true (wait.result->ok);

  /* The run is in the history, finished with the caller's words and the helper's lines. */
  g_assert_false (matou_helper_runner_get_busy (runner));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  newest = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_true (newest == first);
  g_assert_cmpint (matou_run_get_state (first), ==, MATOU_RUN_SUCCEEDED);
  g_assert_cmpstr (matou_run_get_summary (first), ==, "Applied.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matou_run_get_lines (first))), >=, 1);

  matou_helper_result_free (wait.result);
  g_clear_error (&wait.error);
  g_main_loop_unref (wait.loop);
}

static void
test_failed_run_is_recorded (void)
{
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  g_autoptr(MatouHelperRunner) runner = matou_helper_runner_new (history, NULL);
  Wait wait = { .loop = g_main_loop_new (NULL, FALSE), .pending = 1 };
  MatouRun *run;

  use_stand_in (0.0, 1);
  run = matou_helper_runner_run_async (runner, "apply", "{}", "Apply", "Applied.", NULL, done_cb, &wait);
  g_main_loop_run (wait.loop);

  g_assert_nonnull (wait.result);
  g_assert_cmpint (wait.result->status, ==, MATOU_HELPER_EXIT_REFUSED);
  g_assert_cmpint (matou_run_get_state (run), ==, MATOU_RUN_FAILED);
  g_assert_cmpstr (matou_run_get_summary (run), ==, "stand-in refused");

  /* The helper is free again for the next run. */
  g_assert_false (matou_helper_runner_get_busy (runner));
  matou_helper_result_free (wait.result);
  g_main_loop_unref (wait.loop);
}

/* --- quitting waits ------------------------------------------------------- */

typedef struct {
  MatouHelperRunner *runner;
  Wait               wait;
  gboolean           finished_before_quit;
} QuitTest;

static void
quit_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  QuitTest *test = user_data;

  done_cb (source, result, &test->wait);
  test->finished_before_quit = TRUE;
}

static void
on_activate_cb (GApplication *app,
                QuitTest     *test)
{
  /* No window holds the application: without the runner's hold it would quit at once. */
  matou_helper_runner_run_async (test->runner, "apply", "{}", "Apply", "Applied.", NULL, quit_done_cb, test);
}

static void
test_quitting_waits_for_the_run (void)
{
  g_autoptr(MatouRunHistory) history = matou_run_history_new ();
  g_autoptr(GApplication) app = g_application_new ("io.github.matou.Matou.RunnerTest", G_APPLICATION_NON_UNIQUE);
  QuitTest test = { .wait.pending = 1 };
  gint64 started;

  use_stand_in (0.6, 0);
  test.runner = matou_helper_runner_new (history, app);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), &test);

  started = g_get_monotonic_time ();
  g_assert_cmpint (g_application_run (app, 0, NULL), ==, 0);

  g_assert_true (test.finished_before_quit);
  g_assert_nonnull (test.wait.result);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 500 * 1000);
  g_assert_false (matou_helper_runner_get_busy (test.runner));

  matou_helper_result_free (test.wait.result);
  g_assert_finalize_object (test.runner);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/helper-runner/one-run-at-a-time", test_one_run_at_a_time);
  g_test_add_func ("/helper-runner/failed-run-recorded", test_failed_run_is_recorded);
  g_test_add_func ("/helper-runner/quitting-waits", test_quitting_waits_for_the_run);

  return g_test_run ();
}
