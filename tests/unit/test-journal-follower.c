/* Following the daemon's log: a stand-in journalctl on PATH says what a real one says; the real tail follows a file. */
#include <glib/gstdio.h>
#include <string.h>

#include "matou-daemon-log.h"
#include "matou-journal-follower.h"

typedef struct {
  char *dir;
  char *old_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("matou-journal-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->old_path = g_strdup (g_getenv ("PATH"));
  g_setenv ("PATH", fixture->dir, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_setenv ("PATH", fixture->old_path, TRUE);
  g_free (fixture->old_path);
  g_free (fixture->dir);
}

/* The stand-in: a shell script body, run with the arguments Matou passes. */
static void
write_journalctl (Fixture    *fixture,
                  const char *body)
{
  g_autofree char *path = g_build_filename (fixture->dir, "journalctl", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n"
                                             "printf '%%s\\n' \"$*\" > '%s/args'\n"
                                             "%s\n",
                                             fixture->dir, body);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

/* @n is what the predicate counts, where it counts something. */
typedef gboolean (*Predicate) (MatouJournalFollower *follower,
                               guint                 n);

static void
wait_until (MatouJournalFollower *follower,
            Predicate             predicate,
            guint                 n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!predicate (follower, n))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_lines (MatouJournalFollower *follower,
           guint                 n)
{
  MatouLogModel *lines = matou_journal_follower_get_lines (follower);

  matou_log_model_flush (lines);
  return g_list_model_get_n_items (G_LIST_MODEL (lines)) >= n;
}

static gboolean
has_problem (MatouJournalFollower *follower,
             guint                 n)
{
  return matou_journal_follower_get_problem (follower) != NULL;
}

static gboolean
stopped_with_problem (MatouJournalFollower *follower,
                      guint                 n)
{
  return !matou_journal_follower_get_running (follower) && has_problem (follower, n);
}

static void
test_streams (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (NULL);
  MatouLogModel *lines = matou_journal_follower_get_lines (follower);
  g_autoptr(MatouLogLine) first = NULL;
  g_autoptr(MatouLogLine) second = NULL;
  g_autofree char *args_path = g_build_filename (fixture->dir, "args", NULL);
  g_autofree char *args = NULL;

  write_journalctl (fixture,
                    "echo '2024-05-01T10:00:00+0800 desk dockerd[812]: time=\"x\" level=info msg=\"API listen on /run/docker.sock\"'\n"
                    "echo '2024-05-01T10:00:01+0800 desk dockerd[812]: level=error msg=\"proxy http://u:pw@p:3128 refused\"'\n"
                    "exec /bin/sleep 60");

  matou_journal_follower_start (follower);
  g_assert_true (matou_journal_follower_get_running (follower));
  wait_until (follower, has_lines, 2);
  g_assert_true (matou_journal_follower_get_running (follower));
  g_assert_null (matou_journal_follower_get_problem (follower));

  /* The identifier becomes the source; the host goes, the time stays. */
  first = g_list_model_get_item (G_LIST_MODEL (lines), 0);
  g_assert_cmpstr (matou_log_line_get_source (first), ==, "dockerd");
  g_assert_cmpstr (matou_log_line_get_text (first), ==,
                   "2024-05-01T10:00:00+0800 time=\"x\" level=info msg=\"API listen on /run/docker.sock\"");
  g_assert_cmpint (matou_log_line_get_level (first), ==, MATOU_LOG_LEVEL_INFO);
  second = g_list_model_get_item (G_LIST_MODEL (lines), 1);
  g_assert_cmpint (matou_log_line_get_level (second), ==, MATOU_LOG_LEVEL_ERROR);
  g_assert_null (strstr (matou_log_line_get_text (second), "pw"));

  g_file_get_contents (args_path, &args, NULL, NULL);
  g_assert_cmpstr (args, ==, "-u docker -f -n 200 -o short-iso --no-pager\n");

  /* Stopping is quiet: no problem to report. */
  matou_journal_follower_stop (follower);
  g_assert_false (matou_journal_follower_get_running (follower));
  g_assert_null (matou_journal_follower_get_problem (follower));

  /* Starting again starts afresh: journalctl repeats the last lines itself. */
  write_journalctl (fixture, "echo 'one'\necho 'two'\nexec /bin/sleep 60");
  matou_journal_follower_start (follower);
  wait_until (follower, has_lines, 2);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (lines), 0);
  g_assert_cmpstr (matou_log_line_get_source (first), ==, "journalctl");
  g_assert_cmpstr (matou_log_line_get_text (first), ==, "one");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lines)), ==, 2);
}

/* Not in systemd-journal or adm: journalctl runs but shows none of the daemon's lines. */
static void
test_not_permitted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (NULL);

  write_journalctl (fixture,
                    "echo 'Hint: You are currently not seeing messages from other users and the system.' >&2\n"
                    "echo \"      Users in groups 'adm', 'systemd-journal' can see all messages.\" >&2\n"
                    "echo '-- No entries --'\n"
                    "exec /bin/sleep 60");

  matou_journal_follower_start (follower);
  wait_until (follower, has_problem, 0);
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "systemd-journal"));
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "usermod"));
  /* It keeps following: lines the user may read still come. */
  g_assert_true (matou_journal_follower_get_running (follower));
}

static void
test_no_entries (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (NULL);

  write_journalctl (fixture, "echo '-- No entries --'\nexec /bin/sleep 60");

  matou_journal_follower_start (follower);
  wait_until (follower, has_problem, 0);
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "docker.service"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (matou_journal_follower_get_lines (follower))), ==, 0);
}

/* No journal at all (no systemd, as in a container): journalctl would wait forever. */
static void
test_no_journal (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (NULL);

  write_journalctl (fixture, "echo 'No journal files were found.' >&2\nexec /bin/sleep 60");

  matou_journal_follower_start (follower);
  wait_until (follower, stopped_with_problem, 0);
  if (g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR))
    g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "systemd-journal"));
  else
    g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "does not run systemd"));
}

static void
test_exit_status (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (NULL);

  write_journalctl (fixture, "echo 'Failed to add match: Invalid argument' >&2\nexit 1");
  matou_journal_follower_start (follower);
  wait_until (follower, stopped_with_problem, 0);
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "Failed to add match: Invalid argument"));

  write_journalctl (fixture, "exit 3");
  matou_journal_follower_start (follower);
  g_assert_null (matou_journal_follower_get_problem (follower));
  wait_until (follower, stopped_with_problem, 0);
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "exit status 3"));
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (NULL);

  matou_journal_follower_start (follower);
  g_assert_false (matou_journal_follower_get_running (follower));
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "not installed"));
}

/* Without systemd the daemon writes a file: the real tail follows it, and the source says which. */
static void
test_file_streams (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "docker.log", NULL);
  g_autoptr(MatouJournalFollower) follower = NULL;
  g_autoptr(MatouLogLine) first = NULL;
  g_autoptr(MatouLogLine) third = NULL;
  MatouLogModel *lines;
  FILE *file;

  g_setenv ("PATH", "/usr/bin:/bin", TRUE);
  g_assert_true (g_file_set_contents (log, "level=info msg=\"one\"\nlevel=info msg=\"two\"\n", -1, NULL));
  follower = matou_journal_follower_new_for_source (log);
  lines = matou_journal_follower_get_lines (follower);
  g_assert_nonnull (strstr (matou_journal_follower_get_source (follower), log));

  matou_journal_follower_start (follower);
  wait_until (follower, has_lines, 2);
  file = fopen (log, "a");
  fputs ("Status: unknown flag: --bogus, Code: 125\n", file);
  fclose (file);
  wait_until (follower, has_lines, 3);
  g_assert_true (matou_journal_follower_get_running (follower));
  g_assert_null (matou_journal_follower_get_problem (follower));

  first = g_list_model_get_item (G_LIST_MODEL (lines), 0);
  g_assert_cmpstr (matou_log_line_get_source (first), ==, "dockerd");
  g_assert_cmpstr (matou_log_line_get_text (first), ==, "level=info msg=\"one\"");
  third = g_list_model_get_item (G_LIST_MODEL (lines), 2);
  g_assert_cmpstr (matou_log_line_get_text (third), ==, "Status: unknown flag: --bogus, Code: 125");
}

/* A log file not written yet: said, and followed once it appears. */
static void
test_file_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "docker.log", NULL);
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (log);

  g_setenv ("PATH", "/usr/bin:/bin", TRUE);
  /* tail's words are read for their meaning, whatever the user's language. */
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  matou_journal_follower_start (follower);
  g_unsetenv ("LC_ALL");
  wait_until (follower, has_problem, 0);
  g_assert_nonnull (strstr (matou_journal_follower_get_problem (follower), "does not exist yet"));
  g_assert_true (matou_journal_follower_get_running (follower));
}

/* A stand-in for `pkexec matou-helper log`: two lines, then it waits for its input to say stop or end. */
static void
write_helper (Fixture    *fixture,
              const char *body)
{
  g_autofree char *path = g_build_filename (fixture->dir, "helper", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n"
                                             "printf '%%s\\n' \"$*\" > '%s/helper-args'\n"
                                             "%s\n",
                                             fixture->dir, body);
  g_autofree char *command = g_strdup_printf ("/bin/sh %s", path);

  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  g_setenv ("MATOU_HELPER_COMMAND", command, TRUE);
}

static gboolean
file_exists_in (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A log file this user may not read, followed through the helper's log verb on request. */
static void
test_as_administrator (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "docker.log", NULL);
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (log);
  g_autofree char *args_path = g_build_filename (fixture->dir, "helper-args", NULL);
  g_autofree char *args = NULL;
  g_autoptr(MatouLogLine) first = NULL;
  gint64 deadline;
  g_autofree char *body = g_strdup_printf ("echo '{\"type\":\"log\",\"source\":\"dockerd\",\"text\":\"level=info msg=one\"}'\n"
                                           "echo '{\"type\":\"log\",\"source\":\"dockerd\",\"text\":\"level=error msg=two\"}'\n"
                                           "read line\n"
                                           "echo \"$line\" > '%s/helper-stopped'\n"
                                           "echo '{\"type\":\"result\",\"ok\":true,\"status\":0}'\n",
                                           fixture->dir);

  g_setenv ("PATH", "/usr/bin:/bin", TRUE);
  write_helper (fixture, body);
  g_assert_false (matou_journal_follower_get_can_elevate (follower));
  matou_journal_follower_start_as_administrator (follower);
  g_unsetenv ("MATOU_HELPER_COMMAND");
  g_assert_true (matou_journal_follower_get_running (follower));
  g_assert_nonnull (strstr (matou_journal_follower_get_source (follower), "read as administrator"));
  g_assert_nonnull (strstr (matou_journal_follower_get_source (follower), log));
  wait_until (follower, has_lines, 2);
  first = g_list_model_get_item (G_LIST_MODEL (matou_journal_follower_get_lines (follower)), 0);
  g_assert_cmpstr (matou_log_line_get_text (first), ==, "level=info msg=one");

  /* The verb alone: the helper takes the file from its own configuration. */
  g_assert_true (g_file_get_contents (args_path, &args, NULL, NULL));
  g_assert_cmpstr (args, ==, "log\n");

  /* It keeps following until told: its input stays open. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (file_exists_in (fixture->dir, "helper-stopped"));
  g_assert_true (matou_journal_follower_get_running (follower));

  /* Stopping tells the helper, which cannot be signalled under pkexec. */
  matou_journal_follower_stop (follower);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!file_exists_in (fixture->dir, "helper-stopped"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_false (matou_journal_follower_get_running (follower));
}

/* The helper's refusal (a symlink at the log's path) is the problem shown. */
static void
test_as_administrator_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *log = g_build_filename (fixture->dir, "docker.log", NULL);
  g_autoptr(MatouJournalFollower) follower = matou_journal_follower_new_for_source (log);

  g_setenv ("PATH", "/usr/bin:/bin", TRUE);
  write_helper (fixture, "echo '{\"type\":\"result\",\"ok\":false,\"status\":1,"
                         "\"error\":\"matou-test is a symbolic link\"}'\nexit 1\n");
  matou_journal_follower_start_as_administrator (follower);
  g_unsetenv ("MATOU_HELPER_COMMAND");
  wait_until (follower, stopped_with_problem, 0);
  g_assert_cmpstr (matou_journal_follower_get_problem (follower), ==, "matou-test is a symbolic link");
  g_assert_false (matou_journal_follower_get_can_elevate (follower));
}

/* dockerd's lines: logrus's text format with its quoting, and JSON. */
static void
test_log_message (void)
{
  static const struct {
    const char *line;
    const char *message;
  } cases[] = {
    { "time=\"2026-12-03T10:00:00.1Z\" level=info msg=\"Attempting next endpoint for pull after error: Get \\\"http://127.0.0.1:9/v2/\\\": dial tcp 127.0.0.1:9: connect: connection refused\"",
      "Attempting next endpoint for pull after error: Get \"http://127.0.0.1:9/v2/\": dial tcp 127.0.0.1:9: connect: connection refused" },
    { "time=\"2026-12-03T10:00:00Z\" level=debug msg=\"Trying to pull hello-world from http://127.0.0.1:5000/ v2\"",
      "Trying to pull hello-world from http://127.0.0.1:5000/ v2" },
    { "level=info msg=word other=1", "word" },
    { "msg=\"a \\\\ b\"", "a \\ b" },
    { "{\"level\":\"info\",\"msg\":\"Daemon has completed initialization\",\"time\":\"2026-12-03T10:00:00Z\"}",
      "Daemon has completed initialization" },
    { "Dec 03 10:00:00 host systemd[1]: Started docker.service", NULL },
    { "{\"msg\": 3}", NULL },
    { "{broken", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = matou_daemon_log_message (cases[i].line);

      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
append (const char *path,
        const char *text)
{
  FILE *f = fopen (path, "a");

  g_assert_nonnull (f);
  fputs (text, f);
  fclose (f);
}

/* The file the daemon writes without systemd: only what came after the mark, or all of it after a rotation. */
static void
test_log_file_since (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "docker.log", NULL);
  g_auto(MatouDaemonLogMark) mark = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) rotated = NULL;
  g_auto(GStrv) missing = NULL;

  append (path, "before 1\nbefore 2\n");
  g_setenv ("MATOU_DAEMON_LOG", path, TRUE);
  matou_daemon_log_mark_take (&mark);
  g_unsetenv ("MATOU_DAEMON_LOG");
  append (path, "after 1\n\nafter 2\n");

  lines = matou_daemon_log_lines_since (&mark, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "after 1");
  g_assert_cmpstr (lines[1], ==, "after 2");

  g_assert_true (g_file_set_contents (path, "new\n", -1, NULL));
  rotated = matou_daemon_log_lines_since (&mark, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (rotated), ==, 1);
  g_assert_cmpstr (rotated[0], ==, "new");

  g_unlink (path);
  missing = matou_daemon_log_lines_since (&mark, NULL, &error);
  g_assert_null (missing);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
}

/* Under systemd: journalctl from the mark's second, without its own "-- No entries --"; and a user who may not read it told how to be allowed. */
static void
test_log_journal_since (Fixture       *fixture,
                        gconstpointer  data)
{
  MatouDaemonLogMark mark = { .file = NULL, .offset = 0, .since = 1733220000 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) refused = NULL;
  g_autofree char *args_path = g_build_filename (fixture->dir, "args", NULL);
  g_autofree char *args = NULL;

  write_journalctl (fixture, "echo 'level=info msg=\"one\"'; echo '-- No entries --'");
  lines = matou_daemon_log_lines_since (&mark, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_cmpstr (lines[0], ==, "level=info msg=\"one\"");
  g_assert_true (g_file_get_contents (args_path, &args, NULL, NULL));
  g_assert_cmpstr (args, ==, "-u docker --since=@1733220000 -o cat --no-pager\n");

  write_journalctl (fixture, "echo 'Hint: You are currently not seeing messages from other users and the system.' >&2");
  refused = matou_daemon_log_lines_since (&mark, NULL, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "systemd-journal"));
}

/* The user's own rootless daemon: its log file where matou-helper --rootless
 * has dockerd-rootless.sh write it, or the user's journal under systemd --user.
 * In a child process whose HOME is set before GLib first reads it. */
static void
test_rootless (Fixture       *fixture,
               gconstpointer  data)
{
  const char *home = g_getenv ("MATOU_TEST_HOME");
  g_autofree char *state = NULL;
  g_autofree char *log = NULL;
  g_autofree char *unit_dir = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *args_path = g_build_filename (fixture->dir, "args", NULL);
  g_autofree char *args = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MatouJournalFollower) follower = NULL;

  if (!g_test_subprocess ())
    {
      g_autofree char *tmp_home = g_dir_make_tmp ("matou-home-XXXXXX", NULL);
      g_autofree char *rm = g_strdup_printf ("/bin/rm -rf '%s'", tmp_home);

      g_setenv ("MATOU_TEST_HOME", tmp_home, TRUE);
      g_setenv ("HOME", tmp_home, TRUE);
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_cmpstr (g_get_home_dir (), ==, home);
  path = g_strconcat (fixture->dir, ":/usr/bin:/bin", NULL);
  g_setenv ("PATH", path, TRUE);
  state = g_build_filename (home, ".local", "state", "matou", NULL);
  log = g_build_filename (state, "dockerd-rootless.log", NULL);
  g_assert_cmpint (g_mkdir_with_parents (state, 0700), ==, 0);
  g_assert_true (g_file_set_contents (log, "time=\"x\" level=info msg=\"API listen on /run/user/1000/docker.sock\"\n", -1, NULL));

  /* Without a user unit: the file, read with tail as the user. */
  follower = matou_journal_follower_new ();
  matou_journal_follower_set_rootless (follower, TRUE);
  expected = g_strdup_printf ("Shows the file %s, where Matou has your rootless daemon write its log", log);
  g_assert_cmpstr (matou_journal_follower_get_source (follower), ==, expected);
  matou_journal_follower_start (follower);
  wait_until (follower, has_lines, 1);
  g_assert_null (matou_journal_follower_get_problem (follower));
  g_assert_false (matou_journal_follower_get_can_elevate (follower));

  /* With the user unit dockerd-rootless-setuptool.sh makes: the user's journal, and
   * a change of daemon while following starts again on the other log. */
  unit_dir = g_build_filename (home, ".config", "systemd", "user", NULL);
  unit = g_build_filename (unit_dir, "docker.service", NULL);
  g_assert_cmpint (g_mkdir_with_parents (unit_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (unit, "[Service]\n", -1, NULL));
  write_journalctl (fixture, "echo 'user journal line'\nexec /bin/sleep 60");
  /* The system's daemon again: following goes on, on its log. */
  matou_journal_follower_set_rootless (follower, FALSE);
  g_assert_true (matou_journal_follower_get_running (follower));
  g_assert_null (strstr (matou_journal_follower_get_source (follower), "rootless"));
  matou_journal_follower_set_rootless (follower, TRUE);
  g_assert_true (matou_journal_follower_get_running (follower));
  wait_until (follower, has_lines, 1);
  {
    g_autoptr(MatouLogLine) line = g_list_model_get_item (G_LIST_MODEL (matou_journal_follower_get_lines (follower)), 0);

    g_assert_cmpstr (matou_log_line_get_text (line), ==, "user journal line");
  }
  g_file_get_contents (args_path, &args, NULL, NULL);
  g_assert_cmpstr (args, ==, "--user-unit docker -f -n 200 -o short-iso --no-pager\n");
  g_assert_cmpstr (matou_journal_follower_get_source (follower), ==,
                   "Shows your rootless daemon’s journal (journalctl --user-unit docker), as it is written");
  matou_journal_follower_stop (follower);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daemon-log/message", test_log_message);
  g_test_add ("/daemon-log/file-since", Fixture, NULL, fixture_set_up, test_log_file_since, fixture_tear_down);
  g_test_add ("/daemon-log/journal-since", Fixture, NULL, fixture_set_up, test_log_journal_since, fixture_tear_down);
  g_test_add ("/journal-follower/streams", Fixture, NULL, fixture_set_up, test_streams, fixture_tear_down);
  g_test_add ("/journal-follower/not-permitted", Fixture, NULL, fixture_set_up, test_not_permitted, fixture_tear_down);
  g_test_add ("/journal-follower/no-entries", Fixture, NULL, fixture_set_up, test_no_entries, fixture_tear_down);
  g_test_add ("/journal-follower/no-journal", Fixture, NULL, fixture_set_up, test_no_journal, fixture_tear_down);
  g_test_add ("/journal-follower/exit-status", Fixture, NULL, fixture_set_up, test_exit_status, fixture_tear_down);
  g_test_add ("/journal-follower/missing", Fixture, NULL, fixture_set_up, test_missing, fixture_tear_down);
  g_test_add ("/journal-follower/file-streams", Fixture, NULL, fixture_set_up, test_file_streams, fixture_tear_down);
  g_test_add ("/journal-follower/file-missing", Fixture, NULL, fixture_set_up, test_file_missing, fixture_tear_down);
  g_test_add ("/journal-follower/as-administrator", Fixture, NULL, fixture_set_up, test_as_administrator, fixture_tear_down);
  g_test_add ("/journal-follower/as-administrator-refused", Fixture, NULL, fixture_set_up,
              test_as_administrator_refused, fixture_tear_down);
  g_test_add ("/journal-follower/rootless", Fixture, NULL, fixture_set_up, test_rootless, fixture_tear_down);

  return g_test_run ();
}
