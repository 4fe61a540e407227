/* The helper's verbs: apply settings, roll back the last apply, report status. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "matou-apply-plan.h"
#include "matou-apply-request.h"
#include "matou-apply.h"
#include "matou-atomic-write.h"
#include "matou-credentials.h"
#include "matou-daemon-config.h"
#include "matou-docker-detect.h"
#include "matou-dockerd-process.h"
#include "matou-engine-info.h"
#include "matou-engine-sync.h"
#include "matou-error.h"
#include "matou-events.h"
#include "matou-helper-lock.h"
#include "matou-json.h"
#include "matou-proxy-dropin.h"
#include "matou-service.h"
#include "matou-validate.h"

#define MANIFEST_NAME "last-apply.json"
#define RELOAD_LOG_TIMEOUT_MS 10000

/* One file the transaction replaces, and how to put it back. */
typedef struct {
  char     *path;
  gboolean  existed;
  char     *backup;     /* a copy of what was there, when it existed */
  char     *new_text;   /* NULL: leave the file alone; "" with remove: delete it */
  gboolean  remove;
  gboolean  written;
  int       mode;       /* the mode to write with; -1 keeps the file's */
} FileChange;

typedef struct {
  const MatouHelperConfig *config;
  MatouService            *service;
  MatouLogFollower        *log;
  MatouApplyRequest       *request;
  char                    *engine_version;
  MatouProxyTarget         proxy_target;
  FileChange               json;
  FileChange               dropin;
  FileChange               env;         /* the drop-in's root-only file of secrets */
  const char              *action;      /* "none", "reload" or "restart" */
  MatouHelperResult       *result;      /* what the last line says, filled as the transaction goes */
  MatouEngineSnapshot     *after;
  char                    *daemon_error;
  gboolean                 was_running; /* the Engine answered before the change */
  gboolean                 reload_refused; /* the daemon said it kept its old settings */
  int                      lock_fd;
} Transaction;

static void
file_change_clear (FileChange *change)
{
  g_free (change->path);
  g_free (change->backup);
  g_free (change->new_text);
}

static void
transaction_clear (Transaction *t)
{
  g_clear_pointer (&t->log, matou_log_follower_free);
  g_clear_pointer (&t->service, matou_service_free);
  g_clear_pointer (&t->request, matou_apply_request_free);
  g_clear_pointer (&t->after, matou_engine_snapshot_free);
  g_clear_pointer (&t->result, matou_helper_result_free);
  g_free (t->engine_version);
  g_free (t->daemon_error);
  file_change_clear (&t->json);
  file_change_clear (&t->dropin);
  file_change_clear (&t->env);
  if (t->lock_fd >= 0)
    close (t->lock_fd);
}

/* --- the result line ---------------------------------------------------- */

static MatouHelperInfo *
info_from_snapshot (const MatouEngineSnapshot *snapshot)
{
  MatouHelperInfo *info;

  if (snapshot == NULL)
    return NULL;

  info = g_new0 (MatouHelperInfo, 1);
  info->server_version = g_strdup (snapshot->version->version);
  info->api_version = g_strdup (snapshot->version->api_version);
  info->mirrors = g_strdupv (snapshot->info->mirrors);
  info->http_proxy = g_strdup (snapshot->info->http_proxy);
  info->https_proxy = g_strdup (snapshot->info->https_proxy);
  info->no_proxy = g_strdup (snapshot->info->no_proxy);
  info->live_restore = snapshot->info->live_restore;

  return info;
}

static MatouHelperExit
emit_result (Transaction     *t,
             MatouHelperExit  status,
             const char      *error_message)
{
  MatouHelperResult *result = t->result;

  result->status = status;
  result->action = g_strdup (t->action);
  result->rolled_back = status == MATOU_HELPER_EXIT_ROLLED_BACK;
  result->error = g_strdup (error_message);
  result->daemon_error = g_strdup (t->daemon_error);
  result->engine_version = g_strdup (t->engine_version);
  if (t->request != NULL && t->request->has_proxy)
    result->proxy_target = g_strdup (t->proxy_target == MATOU_PROXY_TARGET_DROPIN ? t->dropin.path : t->json.path);
  result->backup = g_strdup (t->json.backup);
  result->info = info_from_snapshot (t->after);

  return matou_events_result (result);
}

static MatouHelperExit
refuse (Transaction  *t,
        const GError *error)
{
  return emit_result (t, MATOU_HELPER_EXIT_REFUSED, error->message);
}

/* --- reading what is there ----------------------------------------------- */

static char *
find_engine_version (Transaction *t)
{
  g_autoptr(MatouEngineSnapshot) snapshot = matou_engine_snapshot_sync (t->config->socket, NULL);
  g_autofree char *dockerd = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  t->was_running = snapshot != NULL;
  if (snapshot != NULL)
    return g_strdup (snapshot->version->version);

  /* The daemon is down: the binary knows its version too. */
  /* dockerd-rootless.sh starts the dockerd in PATH. */
  if (t->config->backend == MATOU_BACKEND_DIRECT && !t->config->rootless)
    dockerd = g_strdup (t->config->dockerd_argv[0]);
  else
    dockerd = g_find_program_in_path ("dockerd");
  if (dockerd == NULL)
    return NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              NULL, dockerd, "--version", NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, NULL))
    return NULL;

  return matou_parse_docker_version_output (output);
}

/* --- planning ------------------------------------------------------------ */

static MatouApplyService
plan_service (const MatouHelperConfig *config)
{
  switch (config->backend)
    {
    case MATOU_BACKEND_SYSV:
      return MATOU_APPLY_SERVICE_SYSV;
    case MATOU_BACKEND_DIRECT:
      return MATOU_APPLY_SERVICE_DIRECT;
    case MATOU_BACKEND_SYSTEMD:
    default:
      return MATOU_APPLY_SERVICE_SYSTEMD;
    }
}

/* Reads both files (never through a link) and lets the one shared plan decide. */
static gboolean
plan (Transaction  *t,
      GError      **error)
{
  g_autofree char *json_text = NULL;
  g_autofree char *dropin_text = NULL;
  g_autofree char *env_text = NULL;
  g_autoptr(MatouApplyPlan) plan = NULL;
  MatouApplyContext context = { 0 };
  g_auto(MatouDockerd) dockerd = { 0 };

  if (!matou_atomic_read_current (t->json.path, &json_text, NULL, &t->json.existed, error) ||
      !matou_atomic_read_current (t->dropin.path, &dropin_text, NULL, &t->dropin.existed, error) ||
      !matou_atomic_read_current (t->env.path, &env_text, NULL, &t->env.existed, error))
    return FALSE;

  context.daemon_json = t->json.existed ? json_text : NULL;
  context.daemon_json_path = t->json.path;
  context.dropin = t->dropin.existed ? dropin_text : NULL;
  context.dropin_env = t->env.existed ? env_text : NULL;
  context.dropin_env_path = t->env.path;
  context.engine_version = t->engine_version;
  context.service = plan_service (t->config);
  /* A flag of the running daemon that the change would repeat in daemon.json is refused by the plan. */
  matou_dockerd_find (t->config->socket, &dockerd);
  context.dockerd_argv = dockerd.argv;

  plan = matou_apply_plan_new (t->request, &context, error);
  if (plan == NULL)
    return FALSE;

  t->proxy_target = plan->proxy_target;
  t->action = matou_apply_action_to_string (plan->action);
  t->json.new_text = g_steal_pointer (&plan->json_text);
  t->dropin.new_text = g_steal_pointer (&plan->dropin_text);
  t->dropin.remove = plan->dropin_remove;
  t->env.new_text = g_steal_pointer (&plan->env_text);
  t->env.remove = plan->env_remove;
  /* A password in daemon.json makes it root's alone. */
  if (plan->json_private)
    t->json.mode = 0600;
  return TRUE;
}

/* --- writing and restoring ----------------------------------------------- */

static gboolean
ensure_private_dir (const char  *path,
                    GError     **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (path, 0700) != 0 || g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                   _("The backup folder %s cannot be created or is not a folder."), path);
      return FALSE;
    }

  return TRUE;
}

static char *
backup_path_for (Transaction *t,
                 const char  *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf ("%s.%s.%06d", base, stamp, g_date_time_get_microsecond (now));

  return g_build_filename (t->config->backup_dir, name, NULL);
}

static gboolean
write_change (Transaction  *t,
              FileChange   *change,
              GError      **error)
{
  if (change->new_text == NULL)
    return TRUE;

  if (change->existed)
    change->backup = backup_path_for (t, change->path);

  if (change->remove)
    {
      g_autofree char *old = NULL;

      GStatBuf st;

      /* Keep the copy first, with the file's mode, then remove: the rollback puts it back. */
      if (g_stat (change->path, &st) != 0 ||
          !g_file_get_contents (change->path, &old, NULL, error) ||
          !matou_atomic_write_with_mode (change->backup, old, strlen (old), NULL, st.st_mode & 07777, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                         _("Cannot read %s: %s"), change->path, g_strerror (errno));
          return FALSE;
        }
      if (g_unlink (change->path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot remove %s: %s"), change->path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (change->path);

      if (g_mkdir_with_parents (dir, 0755) != 0 ||
          !matou_atomic_write_with_mode (change->path, change->new_text, strlen (change->new_text),
                                         change->backup, change->mode, error))
        return FALSE;
    }

  change->written = TRUE;
  matou_events_step (_("Wrote %s"), change->path);
  return TRUE;
}

static gboolean
restore_change (FileChange  *change,
                GError     **error)
{
  g_autofree char *old = NULL;
  gsize length;

  if (!change->written)
    return TRUE;

  if (!change->existed)
    {
      if (g_unlink (change->path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot remove %s: %s"), change->path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  else
    {
      GStatBuf st;

      /* The backup has the mode the file had: the file gets it back too. */
      if (g_stat (change->backup, &st) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot read %s: %s"), change->backup, g_strerror (saved_errno));
          return FALSE;
        }
      if (!g_file_get_contents (change->backup, &old, &length, error) ||
          !matou_atomic_write_with_mode (change->path, old, length, NULL, st.st_mode & 07777, error))
        return FALSE;
    }

  matou_events_step (_("Restored %s"), change->path);
  return TRUE;
}

/* The rollback verb reads this to know what the last apply replaced. */
static void
write_manifest (Transaction *t)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *manifest = g_build_filename (t->config->backup_dir, MANIFEST_NAME, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  FileChange *changes[] = { &t->json, &t->env, &t->dropin };

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      if (!changes[i]->written)
        continue;
      json_builder_begin_object (builder);
      matou_helper_line_add_string (builder, "path", changes[i]->path);
      matou_helper_line_add_string (builder, "backup", changes[i]->backup);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  if (!matou_atomic_write (manifest, text, strlen (text), NULL, &error))
    g_warning ("Cannot record the backups in %s: %s", manifest, error->message);
}

/* --- the daemon ------------------------------------------------------------ */

/* Reload or restart, then wait until the Engine API answers. */
static MatouEngineSnapshot *
bounce_daemon (Transaction  *t,
               const char   *action,
               GError      **error)
{
  guint64 mark = matou_log_follower_mark (t->log);

  if (t->dropin.written && !matou_service_units_changed (t->service, error))
    return NULL;

  if (g_str_equal (action, "reload"))
    {
      static const char * const outcomes[] = {
        "Reloaded configuration", "Error reloading configuration", "Failed to reload",
        "unable to configure the Docker daemon", NULL
      };
      g_autofree char *line = NULL;

      matou_events_step (_("Reloading the Docker daemon’s configuration"));
      if (!matou_service_reload (t->service, error))
        return NULL;

      /* A failed reload is only logged, and systemctl reload succeeds anyway. */
      if (matou_log_follower_wait_for (t->log, mark, outcomes, RELOAD_LOG_TIMEOUT_MS, &line) &&
          !strstr (line, "Reloaded configuration"))
        {
          t->reload_refused = TRUE;
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                       _("The Docker daemon refused the new configuration: %s"), line);
          return NULL;
        }
    }
  else
    {
      /* A daemon that failed to start three times in a minute is refused by systemd
       * (start-limit-hit) until the failure is cleared: a valid change must not wait for that. */
      matou_events_step (_("Restarting the Docker daemon"));
      if (!matou_service_reset_failed (t->service, error) ||
          !matou_service_restart (t->service, error))
        return NULL;
    }

  return matou_service_wait_for_engine (t->service, t->log, error);
}

/* --- verifying ------------------------------------------------------------ */

static void
add_check (Transaction *t,
           const char  *key,
           const char  *asked,
           const char  *reported,
           gboolean     ok)
{
  matou_helper_result_add_check (t->result, key, asked, reported, ok);
}

static gboolean
mirrors_match (char **asked,
               char **reported)
{
  guint n = asked != NULL ? g_strv_length (asked) : 0;

  if (n != (reported != NULL ? g_strv_length (reported) : 0))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = matou_mirror_normalise (asked[i]);
      g_autofree char *r = matou_mirror_normalise (reported[i]);

      if (g_strcmp0 (a, r) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
proxy_matches (const char *asked,
               const char *reported)
{
  g_autofree char *masked = matou_mask_credentials (asked);

  if (masked == NULL || *masked == '\0')
    return reported == NULL || *reported == '\0';

  return g_strcmp0 (masked, reported) == 0;
}

/* Compares what was asked with what /info reports; FALSE when they differ. */
static gboolean
verify (Transaction  *t,
        GError      **error)
{
  MatouApplyRequest *request = t->request;
  MatouEngineInfo *info = t->after->info;
  gboolean ok = TRUE;

  if (request->has_mirrors)
    {
      g_autofree char *asked = g_strjoinv (", ", request->mirrors);
      g_autofree char *reported = g_strjoinv (", ", info->mirrors);
      gboolean match = mirrors_match (request->mirrors, info->mirrors);

      add_check (t, "registry-mirrors", asked, reported, match);
      ok &= match;
    }

  if (request->has_proxy)
    {
      const char *http = request->clear_proxy ? NULL : request->http_proxy;
      const char *https = request->clear_proxy ? NULL : request->https_proxy;
      const char *no = request->clear_proxy ? NULL : request->no_proxy;
      g_autofree char *http_masked = matou_mask_credentials (http);
      g_autofree char *https_masked = matou_mask_credentials (https);
      gboolean http_ok = proxy_matches (http, info->http_proxy);
      gboolean https_ok = proxy_matches (https, info->https_proxy);
      gboolean no_ok = proxy_matches (no, info->no_proxy);

      add_check (t, "http-proxy", http_masked, info->http_proxy, http_ok);
      add_check (t, "https-proxy", https_masked, info->https_proxy, https_ok);
      add_check (t, "no-proxy", no, info->no_proxy, no_ok);
      ok &= http_ok && https_ok && no_ok;
    }

  if (request->has_dns)
    {
      g_autofree char *asked = g_strjoinv (", ", request->dns);

      /* /info has no DNS: the daemon came back on the new file, which is what can be checked. */
      add_check (t, "dns", asked, NULL, TRUE);
    }

  if (!ok)
    g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                         _("The Docker daemon came back, but it does not report the settings that were asked for."));

  return ok;
}

/* --- the transaction ------------------------------------------------------- */

static gboolean
take_lock (Transaction  *t,
           GError  **error)
{
  t->lock_fd = matou_helper_lock (t->config->lock_file, error);

  return t->lock_fd >= 0;
}

static void
transaction_init (Transaction             *t,
                  const MatouHelperConfig *config)
{
  memset (t, 0, sizeof *t);
  t->config = config;
  t->lock_fd = -1;
  t->action = "none";
  t->result = matou_helper_result_new (MATOU_HELPER_RESULT_APPLY);
  t->json.path = g_strdup (config->daemon_json);
  t->dropin.path = g_build_filename (config->dropin_dir, MATOU_PROXY_DROPIN_NAME, NULL);
  t->env.path = g_build_filename (config->dropin_dir, MATOU_PROXY_ENV_NAME, NULL);
  t->json.mode = -1;
  t->dropin.mode = -1;
  t->env.mode = 0600;
  t->service = matou_service_new (config);
}

static char *
daemon_reason (Transaction  *t,
               const GError *error)
{
  g_autofree char *line = t->log != NULL ? matou_log_follower_dup_error_line (t->log) : NULL;

  return line != NULL ? g_steal_pointer (&line) : g_strdup (error->message);
}

/* Puts the files back and brings the daemon up on them. */
static MatouHelperExit
roll_back (Transaction  *t,
           const GError *failure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouEngineSnapshot) snapshot = NULL;
  g_autofree char *message = NULL;
  g_autofree char *cause = NULL;
  const char *action = t->action;

  t->daemon_error = daemon_reason (t, failure);
  matou_events_step (_("Rolling back: %s"), t->daemon_error);

  if (!restore_change (&t->json, &error) || !restore_change (&t->env, &error) ||
      !restore_change (&t->dropin, &error))
    goto failed;

  /* A daemon that was not running and did not start on the change stays stopped, as it was. */
  if (!t->was_running && (snapshot = matou_engine_snapshot_sync (t->config->socket, NULL)) == NULL)
    {
      message = g_strdup_printf (_("Docker was not running, so Matou wrote the change and started it, but it did not start. %s The previous settings were restored, and Docker stays stopped as it was."),
                                 failure->message);
      return emit_result (t, MATOU_HELPER_EXIT_ROLLED_BACK, message);
    }
  g_clear_pointer (&snapshot, matou_engine_snapshot_free);

  /* A refused reload left the daemon on its old settings: putting the files back
   * is the whole rollback. Reloading them would be refused again when what the
   * daemon refused was in the file before (a key another program left there). */
  if (t->reload_refused && !t->dropin.written && !t->env.written)
    {
      snapshot = matou_engine_snapshot_sync (t->config->socket, &error);
      if (snapshot == NULL)
        goto failed;
      g_clear_pointer (&t->after, matou_engine_snapshot_free);
      t->after = g_steal_pointer (&snapshot);
      message = g_strdup_printf (_("The Docker daemon did not accept the change and kept running on its previous settings; the previous file was put back. The daemon said: %s"),
                                 t->daemon_error);
      return emit_result (t, MATOU_HELPER_EXIT_ROLLED_BACK, message);
    }

  /* Anything else needs the old settings loaded again, or a fresh start. */
  snapshot = bounce_daemon (t, action, &error);
  if (snapshot == NULL)
    goto failed;

  g_clear_pointer (&t->after, matou_engine_snapshot_free);
  t->after = g_steal_pointer (&snapshot);
  message = g_strdup_printf (_("The Docker daemon did not accept the change, so the previous settings were restored and it runs on them again. The daemon said: %s"),
                             t->daemon_error);
  return emit_result (t, MATOU_HELPER_EXIT_ROLLED_BACK, message);

failed:
  /* The cause is a sentence of its own inside this one: without its full stop. */
  cause = g_strdup (error->message);
  if (g_str_has_suffix (cause, "."))
    cause[strlen (cause) - 1] = '\0';
  if (t->json.backup != NULL)
    message = g_strdup_printf (_("The change failed (%s) and restoring the previous settings failed too: %s. Docker may not be running. Copy the backup %s over %s, then start Docker; the Logs page has the daemon’s messages."),
                               t->daemon_error, cause, t->json.backup, t->json.path);
  else
    message = g_strdup_printf (_("The change failed (%s) and restoring the previous settings failed too: %s. Docker may not be running. Remove %s, which did not exist before, then start Docker; the Logs page has the daemon’s messages."),
                               t->daemon_error, cause, t->json.path);
  return emit_result (t, MATOU_HELPER_EXIT_ROLLBACK_FAILED, message);
}

MatouHelperExit
matou_helper_apply (const MatouHelperConfig *config,
                    const char              *request_text,
                    gsize                    length)
{
  Transaction t;
  g_autoptr(GError) error = NULL;
  MatouHelperExit status;

  transaction_init (&t, config);

  matou_events_step (_("Checking the request"));
  t.request = matou_apply_request_parse (request_text, length, &error);
  if (t.request == NULL)
    {
      status = refuse (&t, error);
      goto out;
    }

  t.engine_version = find_engine_version (&t);
  t.proxy_target = matou_proxy_target_for_engine (t.engine_version);
  if (!take_lock (&t, &error) ||
      !plan (&t, &error))
    {
      status = refuse (&t, error);
      goto out;
    }
  /* A daemon that is not running cannot reload: the change is written, then it is started. */
  if (!t.was_running && !g_str_equal (t.action, "none"))
    t.action = "start";

  if (t.json.new_text == NULL && t.dropin.new_text == NULL && t.env.new_text == NULL)
    {
      matou_events_step (_("The settings are already in place; nothing to change"));
      t.after = matou_engine_snapshot_sync (config->socket, NULL);
      status = emit_result (&t, MATOU_HELPER_EXIT_OK, NULL);
      goto out;
    }

  if (!ensure_private_dir (config->backup_dir, &error))
    {
      status = refuse (&t, error);
      goto out;
    }

  t.log = matou_service_follow_log (t.service, &error);
  if (t.log == NULL)
    {
      status = refuse (&t, error);
      goto out;
    }

  /* The secrets first: the drop-in names their file. */
  if (!write_change (&t, &t.json, &error) || !write_change (&t, &t.env, &error) ||
      !write_change (&t, &t.dropin, &error))
    {
      status = roll_back (&t, error);
      goto out;
    }
  write_manifest (&t);
  /* Where the secret went, in words; never the secret itself. */
  if (t.env.written && !t.env.remove)
    matou_events_step (config->rootless ?
                       _("The proxy’s user name and password are in %s, which only you can read; the drop-in names that file instead of holding them, so “systemctl --user show docker” does not show them") :
                       _("The proxy’s user name and password are in %s, which only root can read; the drop-in names that file instead of holding them, so “systemctl show docker” does not show them"),
                       t.env.path);
  if (t.json.written && t.json.mode == 0600)
    matou_events_step (config->rootless ? _("%s holds the proxy’s user name and password, so only you can read it")
                                        : _("%s holds the proxy’s user name and password, so only root can read it"),
                       t.json.path);

  t.after = bounce_daemon (&t, t.action, &error);
  if (t.after == NULL || !verify (&t, &error))
    {
      status = roll_back (&t, error);
      goto out;
    }

  status = emit_result (&t, MATOU_HELPER_EXIT_OK, NULL);

out:
  transaction_clear (&t);
  return status;
}

/* --- the other verbs ---------------------------------------------------- */

MatouHelperExit
matou_helper_rollback (const MatouHelperConfig *config)
{
  Transaction t;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *manifest = g_build_filename (config->backup_dir, MANIFEST_NAME, NULL);
  MatouHelperExit status;
  JsonNode *root;

  transaction_init (&t, config);
  t.action = "restart";

  if (!take_lock (&t, &error))
    {
      status = refuse (&t, error);
      goto out;
    }

  if (!json_parser_load_from_file (parser, manifest, &error) ||
      !JSON_NODE_HOLDS_ARRAY ((root = json_parser_get_root (parser))))
    {
      g_autoptr(GError) nothing = g_error_new_literal (MATOU_ERROR, MATOU_ERROR_FAILED,
                                                       _("There is no earlier change by Matou to roll back."));

      status = refuse (&t, nothing);
      goto out;
    }

  /* Only the files Matou itself manages can be named in the manifest. */
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (root), i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *path = entry != NULL ? matou_json_dup_string (entry, "path") : NULL;
      g_autofree char *backup = entry != NULL ? matou_json_dup_string (entry, "backup") : NULL;
      FileChange *change = path == NULL ? NULL :
                           g_str_equal (path, t.json.path) ? &t.json :
                           g_str_equal (path, t.dropin.path) ? &t.dropin :
                           g_str_equal (path, t.env.path) ? &t.env : NULL;
      g_autofree char *backup_dir = backup != NULL ? g_path_get_dirname (backup) : NULL;

      if (change == NULL || (backup != NULL && !g_str_equal (backup_dir, config->backup_dir)))
        continue;
      change->written = TRUE;
      change->existed = backup != NULL;
      change->backup = g_strdup (backup);
    }

  t.log = matou_service_follow_log (t.service, &error);
  if (t.log == NULL ||
      !restore_change (&t.json, &error) || !restore_change (&t.env, &error) ||
      !restore_change (&t.dropin, &error))
    {
      status = emit_result (&t, MATOU_HELPER_EXIT_ROLLBACK_FAILED, error->message);
      goto out;
    }

  t.after = bounce_daemon (&t, "restart", &error);
  if (t.after == NULL)
    {
      t.daemon_error = daemon_reason (&t, error);
      status = emit_result (&t, MATOU_HELPER_EXIT_ROLLBACK_FAILED, error->message);
      goto out;
    }

  g_unlink (manifest);
  status = emit_result (&t, MATOU_HELPER_EXIT_OK, NULL);

out:
  transaction_clear (&t);
  return status;
}

MatouHelperExit
matou_helper_status (const MatouHelperConfig *config,
                     gboolean                 under_pkexec)
{
  JsonBuilder *builder = matou_helper_line_begin ("result");
  g_autofree char *dropin = g_build_filename (config->dropin_dir, MATOU_PROXY_DROPIN_NAME, NULL);
  g_autofree char *line = NULL;
  Transaction t;

  transaction_init (&t, config);
  t.engine_version = find_engine_version (&t);

  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, TRUE);
  matou_helper_line_add_string (builder, "daemon-json", config->daemon_json);
  matou_helper_line_add_string (builder, "dropin", dropin);
  matou_helper_line_add_string (builder, "backup-dir", config->backup_dir);
  matou_helper_line_add_string (builder, "socket", config->socket);
  matou_helper_line_add_string (builder, "backend", matou_backend_kind_to_string (config->backend));
  matou_helper_line_add_string (builder, "engine-version", t.engine_version);
  matou_helper_line_add_string (builder, "proxy-target",
                                matou_proxy_target_for_engine (t.engine_version) == MATOU_PROXY_TARGET_DROPIN ?
                                dropin : config->daemon_json);
  json_builder_set_member_name (builder, "pkexec");
  json_builder_add_boolean_value (builder, under_pkexec);
  line = matou_helper_line_end (builder);
  matou_events_write (line);

  transaction_clear (&t);
  return MATOU_HELPER_EXIT_OK;
}
