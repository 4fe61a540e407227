/* The explanation a user reads when Matou cannot talk to the daemon. */
#include <gio/gio.h>
#include <string.h>

#include "matou-diagnosis.h"
#include "matou-error.h"

static MatouProblem
diagnose (const GError       *error,
          MatouDockerInstall *install,
          char              **title,
          char              **explanation)
{
  return matou_diagnose (error, "/var/run/docker.sock", install, title, explanation);
}

static void
test_not_installed_vs_not_running (void)
{
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
  g_autoptr(GError) missing = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such file or directory");
  MatouDockerInstall nothing = { 0 };
  MatouDockerInstall cli_only = { .cli_path = (char *) "/usr/bin/docker" };
  MatouDockerInstall engine = { .cli_path = (char *) "/usr/bin/docker", .dockerd_path = (char *) "/usr/sbin/dockerd" };
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;

  g_assert_cmpint (diagnose (missing, &nothing, &title, &explanation), ==, MATOU_PROBLEM_NOT_INSTALLED);
  g_assert_cmpstr (title, ==, "Docker is not installed");
  g_assert_nonnull (strstr (explanation, "Install page"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);

  g_assert_cmpint (diagnose (missing, &cli_only, &title, &explanation), ==, MATOU_PROBLEM_CLI_ONLY);
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);

  g_assert_cmpint (diagnose (refused, &engine, &title, &explanation), ==, MATOU_PROBLEM_NOT_RUNNING);
  g_assert_cmpstr (title, ==, "The Docker daemon is not running");
  g_assert_nonnull (strstr (explanation, "/var/run/docker.sock"));
}

static void
test_permission (void)
{
  g_autoptr(GError) denied = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Permission denied");
  MatouDockerInstall install = { .dockerd_path = (char *) "/usr/sbin/dockerd" };
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;

  install.group_state = MATOU_GROUP_NOT_MEMBER;
  g_assert_cmpint (diagnose (denied, &install, &title, &explanation), ==, MATOU_PROBLEM_NOT_IN_GROUP);
  g_assert_nonnull (strstr (explanation, "“docker” group"));
  g_assert_nonnull (strstr (explanation, "log out"));
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);

  install.group_state = MATOU_GROUP_MEMBER_INACTIVE;
  g_assert_cmpint (diagnose (denied, &install, &title, &explanation), ==, MATOU_PROBLEM_LOG_IN_AGAIN);
  g_assert_cmpstr (title, ==, "Log out and log in again to use Docker");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);

  install.group_state = MATOU_GROUP_ACTIVE;
  g_assert_cmpint (diagnose (denied, &install, &title, &explanation), ==, MATOU_PROBLEM_PERMISSION_DENIED);
  g_assert_nonnull (strstr (explanation, "Permission denied"));
}

static void
test_remote_host_and_other (void)
{
  g_autoptr(GError) remote = g_error_new_literal (MATOU_ERROR, MATOU_ERROR_UNSUPPORTED_HOST, "DOCKER_HOST is set to “tcp://x”.");
  g_autoptr(GError) other = g_error_new_literal (MATOU_ERROR, MATOU_ERROR_HTTP, "The Docker daemon answered 500");
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;

  g_assert_cmpint (diagnose (remote, NULL, &title, &explanation), ==, MATOU_PROBLEM_UNSUPPORTED_HOST);
  g_assert_cmpstr (explanation, ==, remote->message);
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&explanation, g_free);

  g_assert_cmpint (diagnose (other, NULL, &title, &explanation), ==, MATOU_PROBLEM_OTHER);
  /* The daemon's own words reach the user. */
  g_assert_nonnull (strstr (explanation, "answered 500"));
}

/* dockerd's own startup failures, as it writes them (captured from dockerd 20.10). */
static void
test_daemon_lines (void)
{
  static const char * const errors[] = {
    "Status: unknown flag: --bogus-flag",
    "unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives don't match any configuration option: bogus-key",
    "failed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid",
    "time=\"2024-05-01T10:00:00\" level=fatal msg=\"no sockets found via socket activation\"",
    "/etc/init.d/docker: 86: ulimit: error setting limit (Operation not permitted)",
  };
  static const char * const others[] = {
    "time=\"2024-05-01T10:00:00\" level=info msg=\"API listen on /var/run/docker.sock\"",
    "See 'dockerd --help'., Code: 125",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    g_assert_true (matou_daemon_line_is_error (errors[i]));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (matou_daemon_line_is_error (others[i]));
  g_assert_false (matou_daemon_line_is_error (NULL));
}

/* Each reason in words, quoting the daemon, with the next step. */
static void
test_daemon_failure_explained (void)
{
  g_autofree char *flag = matou_daemon_failure_explain ("Status: unknown flag: --bogus-flag, Code: 125");
  g_autofree char *file = matou_daemon_failure_explain ("unable to configure the Docker daemon with file /x/daemon.json: unexpected EOF");
  g_autofree char *twice = matou_daemon_failure_explain ("unable to configure the Docker daemon with file /x: the following directives are specified both as a flag and in the configuration file: dns");
  g_autofree char *limit = matou_daemon_failure_explain ("/etc/init.d/docker: 86: ulimit: error setting limit (Operation not permitted)");
  g_autofree char *other = matou_daemon_failure_explain ("failed to start daemon: something new");
  g_autofree char *none = matou_daemon_failure_explain (NULL);

  g_assert_nonnull (strstr (flag, "option it does not know (“unknown flag: --bogus-flag”)"));
  g_assert_nonnull (strstr (flag, "start Docker again"));
  g_assert_nonnull (strstr (file, "refuses its configuration file"));
  g_assert_nonnull (strstr (file, "unexpected EOF"));
  g_assert_nonnull (strstr (twice, "given twice"));
  g_assert_nonnull (strstr (limit, "limit on open files"));
  g_assert_nonnull (strstr (limit, "ulimit: error setting limit"));
  g_assert_nonnull (strstr (other, "failed to start daemon: something new"));
  g_assert_nonnull (strstr (none, "no reason"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnosis/installed-or-running", test_not_installed_vs_not_running);
  g_test_add_func ("/diagnosis/permission", test_permission);
  g_test_add_func ("/diagnosis/remote-and-other", test_remote_host_and_other);
  g_test_add_func ("/diagnosis/daemon-lines", test_daemon_lines);
  g_test_add_func ("/diagnosis/daemon-failure-explained", test_daemon_failure_explained);

  return g_test_run ();
}
