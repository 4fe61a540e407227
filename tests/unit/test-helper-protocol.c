/* The helper protocol: lines captured from real helper runs read into their typed form, and written back the same. */
#include <glib/gstdio.h>

#include "matou-error.h"
#include "matou-helper-protocol.h"
#include "matou-test-util.h"

typedef struct {
  guint              steps;
  guint              logs;
  MatouHelperResult *result;
} Run;

static void
read_run (const char *name,
          Run        *run)
{
  g_autofree char *file = g_build_filename ("protocol", name, NULL);
  g_autofree char *text = matou_test_read_fixture (file, NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  lines = g_strsplit (text, "\n", -1);
  memset (run, 0, sizeof *run);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(MatouHelperEvent) event = NULL;

      if (*lines[i] == '\0')
        continue;
      event = matou_helper_event_parse (lines[i], &error);
      g_assert_no_error (error);
      /* Nothing follows the result. */
      g_assert_null (run->result);
      if (event->type == MATOU_HELPER_EVENT_STEP)
        run->steps++;
      else if (event->type == MATOU_HELPER_EVENT_LOG)
        run->logs++;
      else
        run->result = g_steal_pointer (&event->result);
    }
  g_assert_nonnull (run->result);
}

/* Written out and read again, a result says the same, to the byte. */
static void
assert_round_trip (const MatouHelperResult *result)
{
  g_autofree char *line = matou_helper_result_to_line (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) again = matou_helper_result_new_from_line (line, &error);
  g_autofree char *line_again = NULL;

  g_assert_no_error (error);
  line_again = matou_helper_result_to_line (again);
  g_assert_cmpstr (line, ==, line_again);
}

static void
test_apply_reload (void)
{
  Run run;
  const MatouHelperCheck *check;

  read_run ("apply-mirrors-reload.jsonl", &run);
  g_assert_cmpuint (run.steps, >, 0);
  g_assert_cmpint (run.result->kind, ==, MATOU_HELPER_RESULT_APPLY);
  g_assert_true (run.result->ok);
  g_assert_cmpint (run.result->status, ==, MATOU_HELPER_EXIT_OK);
  g_assert_cmpstr (run.result->action, ==, "reload");
  g_assert_false (run.result->rolled_back);
  g_assert_null (run.result->error);
  g_assert_cmpstr (run.result->engine_version, ==, "20.10.24+dfsg1");
  g_assert_nonnull (run.result->info);
  g_assert_cmpstrv (run.result->info->mirrors, ((const char *[]) { "https://docker.1ms.run/", NULL }));
  g_assert_cmpuint (run.result->checks->len, ==, 1);
  check = g_ptr_array_index (run.result->checks, 0);
  g_assert_cmpstr (check->key, ==, "registry-mirrors");
  g_assert_cmpstr (check->asked, ==, "https://docker.1ms.run");
  g_assert_cmpstr (check->reported, ==, "https://docker.1ms.run/");
  g_assert_true (check->ok);
  assert_round_trip (run.result);
  matou_helper_result_free (run.result);
}

static void
test_apply_proxy (void)
{
  Run run;

  read_run ("apply-proxy-restart.jsonl", &run);
  /* The daemon's own lines came through as it restarted. */
  g_assert_cmpuint (run.logs, >, 10);
  g_assert_cmpstr (run.result->action, ==, "restart");
  g_assert_cmpstr (run.result->proxy_target, ==, "/tmp/matou-dk-test/docker.service.d/http-proxy.conf");
  g_assert_cmpstr (run.result->info->http_proxy, ==, "http://xxxxx:xxxxx@proxy.example.com:3128");
  g_assert_cmpuint (run.result->checks->len, ==, 3);
  for (guint i = 0; i < run.result->checks->len; i++)
    g_assert_true (((MatouHelperCheck *) g_ptr_array_index (run.result->checks, i))->ok);
  assert_round_trip (run.result);
  matou_helper_result_free (run.result);
}

static void
test_apply_rolled_back (void)
{
  Run run;

  read_run ("apply-rolled-back.jsonl", &run);
  g_assert_false (run.result->ok);
  g_assert_cmpint (run.result->status, ==, MATOU_HELPER_EXIT_ROLLED_BACK);
  g_assert_true (run.result->rolled_back);
  g_assert_nonnull (strstr (run.result->daemon_error, "specified both as a flag and in the configuration file"));
  g_assert_nonnull (strstr (run.result->error, "the previous settings were restored"));
  g_assert_cmpuint (run.result->checks->len, ==, 0);
  assert_round_trip (run.result);
  matou_helper_result_free (run.result);
}

static void
test_install (void)
{
  Run run;
  const MatouHelperStepResult *step;

  read_run ("install-distro-packages.jsonl", &run);
  g_assert_cmpint (run.result->kind, ==, MATOU_HELPER_RESULT_INSTALL);
  g_assert_true (run.result->ok);
  g_assert_cmpstr (run.result->plan, ==, "distro-packages");
  g_assert_cmpuint (run.result->steps->len, ==, 4);
  step = g_ptr_array_index (run.result->steps, 3);
  g_assert_cmpstr (step->id, ==, "group");
  g_assert_cmpstr (step->state, ==, "done");
  g_assert_cmpstr (run.result->group_user, ==, "matou-install-t");
  g_assert_true (run.result->group_member && run.result->group_added);
  assert_round_trip (run.result);
  matou_helper_result_free (run.result);

  read_run ("install-mirror-rolled-back.jsonl", &run);
  g_assert_cmpint (run.result->status, ==, MATOU_HELPER_EXIT_ROLLED_BACK);
  g_assert_cmpstr (run.result->failed_step, ==, "update-repository");
  g_assert_cmpstr (run.result->failure, ==, "repository");
  g_assert_true (run.result->rolled_back);
  g_assert_cmpuint (g_strv_length (run.result->removed), ==, 3);
  g_assert_null (run.result->group_user);
  assert_round_trip (run.result);
  matou_helper_result_free (run.result);
}

static void
test_step_and_log_lines (void)
{
  g_autofree char *step = matou_helper_step_line ("Installing", "install", "running", 2, 4);
  g_autofree char *plain = matou_helper_step_line ("Checking the request", NULL, NULL, 0, 0);
  g_autofree char *log = matou_helper_log_line ("dockerd", "caf\xe9 \xff");
  g_autoptr(MatouHelperEvent) e1 = matou_helper_event_parse (step, NULL);
  g_autoptr(MatouHelperEvent) e2 = matou_helper_event_parse (plain, NULL);
  g_autoptr(MatouHelperEvent) e3 = matou_helper_event_parse (log, NULL);

  g_assert_cmpint (e1->type, ==, MATOU_HELPER_EVENT_STEP);
  g_assert_cmpstr (e1->text, ==, "Installing");
  g_assert_cmpstr (e1->id, ==, "install");
  g_assert_cmpstr (e1->state, ==, "running");
  g_assert_cmpint (e1->index, ==, 2);
  g_assert_cmpint (e1->count, ==, 4);
  g_assert_null (e2->id);
  g_assert_cmpstr (plain, ==, "{\"type\":\"step\",\"text\":\"Checking the request\"}");
  /* Output that is not UTF-8 still travels, made valid. */
  g_assert_cmpint (e3->type, ==, MATOU_HELPER_EVENT_LOG);
  g_assert_cmpstr (e3->source, ==, "dockerd");
  g_assert_true (g_utf8_validate (e3->text, -1, NULL));
  g_assert_true (g_str_has_prefix (e3->text, "caf"));
}

static void
test_foreign_lines (void)
{
  const char *lines[] = {
    "not json", "[1, 2]", "{\"type\": \"shell\", \"text\": \"rm -rf /\"}", "{\"text\": \"no type\"}", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouHelperEvent) event = matou_helper_event_parse (lines[i], &error);

      g_assert_null (event);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_HELPER);
    }
}

/* "ok" is derived from the status when written: a line can never say ok with a failure status. */
static void
test_ok_follows_status (void)
{
  g_autoptr(MatouHelperResult) result = matou_helper_result_new (MATOU_HELPER_RESULT_APPLY);
  g_autoptr(MatouHelperResult) again = NULL;
  g_autofree char *line = NULL;

  result->ok = TRUE;
  result->status = MATOU_HELPER_EXIT_ROLLBACK_FAILED;
  line = matou_helper_result_to_line (result);
  again = matou_helper_result_new_from_line (line, NULL);
  g_assert_false (again->ok);
  g_assert_cmpint (again->status, ==, MATOU_HELPER_EXIT_ROLLBACK_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/helper-protocol/apply-reload", test_apply_reload);
  g_test_add_func ("/helper-protocol/apply-proxy", test_apply_proxy);
  g_test_add_func ("/helper-protocol/apply-rolled-back", test_apply_rolled_back);
  g_test_add_func ("/helper-protocol/install", test_install);
  g_test_add_func ("/helper-protocol/step-and-log-lines", test_step_and_log_lines);
  g_test_add_func ("/helper-protocol/foreign-lines", test_foreign_lines);
  g_test_add_func ("/helper-protocol/ok-follows-status", test_ok_follows_status);

  return g_test_run ();
}
