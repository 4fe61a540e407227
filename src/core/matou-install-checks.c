/* Install plans: which steps this system has done already, asked without changing anything. */
#include "config.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-plan-private.h"
#define MAX_KEY_SIZE (1024 * 1024)


/* --- checks ------------------------------------------------------------------------ */

GHashTable *
matou_install_query_packages (MatouPackageFamily   family,
                              const char * const  *names,
                              GCancellable        *cancellable)
{
  g_autoptr(MatouInstallSystem) system = matou_install_system_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *output = NULL;

  if (names == NULL || names[0] == NULL || !matou_install_all_valid_packages ((char **) names))
    return g_hash_table_ref (system->installed);

  if (family == MATOU_PACKAGE_FAMILY_DNF)
    g_strv_builder_add_many (builder, "rpm", "-q", "--qf", "%{NAME}\n", "--", NULL);
  else
    g_strv_builder_add_many (builder, "dpkg-query", "-W", "-f", "${Package}\t${db:Status-Status}\n", "--", NULL);
  g_strv_builder_addv (builder, (const char **) names);
  argv = g_strv_builder_end (builder);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, NULL);
  if (process != NULL && g_subprocess_communicate_utf8 (process, NULL, cancellable, &output, NULL, NULL))
    {
      if (family == MATOU_PACKAGE_FAMILY_DNF)
        matou_parse_rpm_query_output (output, names, system->installed);
      else
        matou_parse_dpkg_query_output (output, system->installed);
    }

  return g_hash_table_ref (system->installed);
}

gboolean
matou_install_text_is_key (const char *text,
                           gsize       length)
{
  g_autofree char *copy = NULL;

  if (text == NULL || length == 0 || length > MAX_KEY_SIZE || memchr (text, '\0', length) != NULL)
    return FALSE;
  copy = g_strndup (text, length);

  return g_str_has_prefix (g_strchug (copy), "-----BEGIN PGP PUBLIC KEY BLOCK-----") &&
         strstr (copy, "-----END PGP PUBLIC KEY BLOCK-----") != NULL;
}

/**
 * matou_install_socket_answers:
 *
 * Whether a daemon listens on @path: it answers /_ping, or refuses this
 * user (a socket only root and the docker group may use is a running daemon).
 */
gboolean
matou_install_socket_answers (const char *path,
                              guint       timeout_seconds)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  static const char request[] = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n";
  char reply[64] = { 0 };
  gsize got = 0;

  if (path == NULL)
    return FALSE;

  address = g_unix_socket_address_new (path);
  g_socket_client_set_timeout (client, timeout_seconds);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  if (connection == NULL)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);

  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, sizeof request - 1, NULL, NULL, NULL) ||
      !g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                reply, sizeof reply - 1, &got, NULL, NULL))
    return FALSE;

  return g_str_has_prefix (reply, "HTTP/1.") && strstr (reply, " 200 ") != NULL;
}

/**
 * matou_install_step_present_packages:
 *
 * For a step that installs packages: those of them this system has
 * already, so that a step that is only partly done can say what it adds.
 * Blocking, like matou_install_step_is_done().
 *
 * Returns: (transfer full) (nullable): the packages installed already, or
 *   %NULL when the step installs none or none is there yet
 */
char **
matou_install_step_present_packages (const MatouInstallPlan *plan,
                                     const MatouInstallStep *step,
                                     GCancellable           *cancellable)
{
  g_autoptr(GHashTable) installed = NULL;
  g_autoptr(GStrvBuilder) present = g_strv_builder_new ();
  guint n = 0;

  if (step->check != MATOU_INSTALL_CHECK_INSTALLED || step->check_packages == NULL)
    return NULL;

  installed = matou_install_query_packages (plan->family, (const char * const *) step->check_packages, cancellable);
  for (guint i = 0; step->check_packages[i] != NULL; i++)
    if (g_hash_table_contains (installed, step->check_packages[i]))
      {
        g_strv_builder_add (present, step->check_packages[i]);
        n++;
      }

  return n > 0 ? g_strv_builder_end (present) : NULL;
}

static gboolean
systemd_unit_enabled (const char   *unit,
                      GCancellable *cancellable)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL,
                              "systemctl", "is-enabled", unit, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, cancellable, &output, NULL, NULL))
    return FALSE;

  return output != NULL && g_str_equal (g_strstrip (output), "enabled");
}

/**
 * matou_install_step_is_done:
 *
 * Whether @step has nothing left to do on this system now. Blocking: it
 * runs dpkg-query or rpm, reads files and connects to the daemon's socket.
 */
gboolean
matou_install_step_is_done (const MatouInstallPlan         *plan,
                            const MatouInstallStep         *step,
                            const MatouInstallCheckContext *context,
                            GCancellable                   *cancellable)
{
  switch (step->check)
    {
    case MATOU_INSTALL_CHECK_INSTALLED:
    case MATOU_INSTALL_CHECK_ABSENT:
      {
        g_autoptr(GHashTable) installed = matou_install_query_packages (plan->family,
                                                                        (const char * const *) step->check_packages,
                                                                        cancellable);
        gboolean want = step->check == MATOU_INSTALL_CHECK_INSTALLED;

        for (guint i = 0; step->check_packages[i] != NULL; i++)
          if (g_hash_table_contains (installed, step->check_packages[i]) != want)
            return FALSE;
        return TRUE;
      }

    case MATOU_INSTALL_CHECK_KEY:
      {
        g_autofree char *text = NULL;
        gsize length;

        return g_file_get_contents (step->path, &text, &length, NULL) && matou_install_text_is_key (text, length);
      }

    case MATOU_INSTALL_CHECK_CONTENT:
      {
        g_autofree char *text = NULL;

        if (step->replaces != NULL && g_file_test (step->replaces, G_FILE_TEST_EXISTS))
          return FALSE;
        return g_file_get_contents (step->path, &text, NULL, NULL) && g_strcmp0 (text, step->content) == 0;
      }

    case MATOU_INSTALL_CHECK_SERVICE:
      if (!matou_install_socket_answers (context->socket, 5))
        return FALSE;
      return !plan->systemd || systemd_unit_enabled ("docker.service", cancellable);

    case MATOU_INSTALL_CHECK_MEMBER:
      return matou_user_in_docker_group (context->user);

    case MATOU_INSTALL_CHECK_NONE:
    default:
      return FALSE;
    }
}
