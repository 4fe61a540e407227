/* The daemon's settings as the GUI sees them: files read, watched, and applied through the helper. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-credentials.h"
#include "matou-daemon.h"
#include "matou-docker-endpoint.h"
#include "matou-dockerd-process.h"
#include "matou-error.h"
#include "matou-proxy-memory.h"
#include "matou-rootless.h"

#define DEFAULT_DROPIN_DIR "/etc/systemd/system/docker.service.d"
#define POLL_SECONDS       5   /* while someone looks and the daemon answers */
#define POLL_MAX_SECONDS   30  /* backing off while it does not */

struct _MatouDaemon
{
  GObject              parent_instance;

  MatouHelperRunner   *runner;
  gboolean             rootless;  /* the Engine asked is the user's own rootless daemon */
  char                *daemon_json_path;
  char                *dropin_path;
  GPtrArray           *monitors;  /* GFileMonitor: the two files, or the parents of missing directories */
  GCancellable        *load_cancellable;

  gboolean             loaded;
  MatouDaemonConfig   *config;
  GError              *error;
  char                *raw_text;
  gboolean             json_root_only; /* daemon.json is there, but only root may read it */
  char                *info_text;      /* then: what /info says of it, as daemon.json would hold it */
  char                *dropin_text;
  char                *env_text;        /* the root-only proxy file, when this user can read it */
  char               **dockerd_argv;    /* the running dockerd's command line, NULL: none found */
  MatouEngineSnapshot *snapshot;
  char                *engine_version;
  gboolean             own_changes;  /* a run of ours ended: the next load shows our own writes */
  GPtrArray           *own_runs;     /* the runner's runs that this model started and that go on */

  /* The one Engine poller: it asks only while a page that shows the Engine is on screen. */
  MatouEngineClient   *engine;        /* NULL when no usable Engine is chosen (host_error says why) */
  GError              *host_error;
  GError              *engine_error;  /* why the last look at the Engine failed, NULL when it answered */
  GCancellable        *poll_cancellable;
  guint                watchers;
  gboolean             engine_paused;  /* the window is hidden or not focused */
  guint                poll_source;
  guint                poll_seconds;

  GSettings           *settings;       /* docker-context: the context picked in Matou, "" for the CLI's */

  /* The proxy to turn on: what the user typed while it was off, or what was remembered. */
  MatouProxyMemory    *proxy_memory;
  char                *draft_http;
  char                *draft_https;
  char                *draft_no;
};

G_DEFINE_FINAL_TYPE (MatouDaemon, matou_daemon, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_PROXY_ON,
  PROP_LOADED,
  PROP_ENGINE_RUNNING,
  PROP_ENGINE_VERSION,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_ENGINE_CHANGED,
  SIGNAL_ENDPOINT_CHANGED,
  SIGNAL_EXTERNAL_CHANGE,
  SIGNAL_RUN_STARTED,
  SIGNAL_RUN_FINISHED,
  SIGNAL_PROXY_NOTE,
  SIGNAL_PROXY_PASSWORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- loading ------------------------------------------------------------- */

typedef struct {
  char                *json_text;
  gboolean             json_missing;
  gboolean             json_root_only;
  GError              *json_error;
  char                *dropin_text;
  char                *env_text;
  char               **dockerd_argv;
  MatouEngineSnapshot *snapshot;
  GError              *engine_error;
  gboolean             asks_engine;
  int                  pending;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->json_text);
  g_clear_error (&data->json_error);
  g_free (data->dropin_text);
  g_strfreev (data->dockerd_argv);
  g_free (data->env_text);
  matou_engine_snapshot_free (data->snapshot);
  g_clear_error (&data->engine_error);
  g_free (data);
}

static gboolean
engine_running (MatouDaemon *self)
{
  return self->engine_error == NULL && self->snapshot != NULL;
}

/* The Engine's state changed: the properties that changed say so, then
 * "engine-changed" tells the views that show the whole snapshot. */
static void
engine_changed (MatouDaemon *self,
                gboolean     was_running,
                const char  *old_version)
{
  if (was_running != engine_running (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE_RUNNING]);
  if (g_strcmp0 (old_version, self->engine_version) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE_VERSION]);
  g_signal_emit (self, signals[SIGNAL_ENGINE_CHANGED], 0);
}

/* One answer of the Engine, from a load or a poll. The daemon may be down: what it
 * said last about its version is kept, and the error says it does not answer now. */
static void
take_engine_answer (MatouDaemon *self,
                    MatouEngineSnapshot *snapshot,
                    GError              *error)
{
  gboolean was_running = engine_running (self);
  g_autofree char *old_version = g_steal_pointer (&self->engine_version);

  g_clear_error (&self->engine_error);
  if (snapshot != NULL)
    {
      matou_engine_snapshot_free (self->snapshot);
      self->snapshot = snapshot;
      self->engine_version = g_strdup (snapshot->version->version);
    }
  else
    {
      self->engine_version = g_strdup (old_version);
      self->engine_error = error != NULL ? error : g_error_new_literal (MATOU_ERROR, MATOU_ERROR_FAILED, "");
    }
  engine_changed (self, was_running, old_version);
}

/* A daemon.json only root may read (Matou writes it 0600 when it holds a
 * proxy's password) is no error: the mirrors and the proxy are what the
 * daemon reports, its password masked; /info does not report DNS, so a
 * request leaves it out. */
static void
take_config_from_info (MatouDaemon *self)
{
  const MatouEngineInfo *info = self->snapshot != NULL ? self->snapshot->info : NULL;
  g_autoptr(MatouDaemonConfig) config = NULL;

  if (info == NULL)
    {
      g_set_error (&self->error, MATOU_ERROR, MATOU_ERROR_IO,
                   _("Only root may read %s, and the daemon does not answer, so Matou cannot show what it holds. Start Docker to see its mirrors and proxy here, or read the file in a terminal with “sudo cat %s”."),
                   self->daemon_json_path, self->daemon_json_path);
      return;
    }

  config = matou_daemon_config_new ();
  matou_daemon_config_set_mirrors (config, (const char * const *) info->mirrors);
  if (matou_daemon_get_proxy_target (self) == MATOU_PROXY_TARGET_DAEMON_JSON &&
      ((info->http_proxy != NULL && *info->http_proxy != '\0') ||
       (info->https_proxy != NULL && *info->https_proxy != '\0')))
    matou_daemon_config_set_proxies (config, info->http_proxy, info->https_proxy, info->no_proxy);
  self->info_text = matou_daemon_config_to_data (config, NULL, NULL);
  self->config = g_steal_pointer (&config);
}

static void
load_finish (MatouDaemon *self,
             LoadData            *data)
{
  gboolean was_on = matou_daemon_get_proxy (self, NULL, NULL, NULL);
  const char *changed_path = NULL;

  /* Texts that differ from the last load, while no run of ours wrote them, are another program's doing. */
  if (self->loaded && !self->own_changes && !matou_daemon_get_busy (self))
    {
      if (data->json_error == NULL && !data->json_root_only && !self->json_root_only &&
          g_strcmp0 (data->json_text, self->raw_text) != 0)
        changed_path = self->daemon_json_path;
      else if (g_strcmp0 (data->dropin_text, self->dropin_text) != 0)
        changed_path = self->dropin_path;
    }
  if (!matou_daemon_get_busy (self))
    self->own_changes = FALSE;

  g_clear_object (&self->config);
  g_clear_error (&self->error);
  g_clear_pointer (&self->raw_text, g_free);
  g_clear_pointer (&self->info_text, g_free);
  self->json_root_only = data->json_root_only;

  if (data->json_error != NULL)
    {
      self->error = g_steal_pointer (&data->json_error);
    }
  else if (!self->json_root_only)
    {
      self->raw_text = g_steal_pointer (&data->json_text);
      self->config = matou_daemon_config_new_from_data (self->raw_text != NULL ? self->raw_text : "", -1,
                                                        &self->error);
    }

  g_free (self->dropin_text);
  self->dropin_text = g_steal_pointer (&data->dropin_text);
  g_strfreev (self->dockerd_argv);
  self->dockerd_argv = g_steal_pointer (&data->dockerd_argv);
  g_free (self->env_text);
  self->env_text = g_steal_pointer (&data->env_text);

  if (data->asks_engine)
    take_engine_answer (self, g_steal_pointer (&data->snapshot), g_steal_pointer (&data->engine_error));
  if (self->json_root_only)
    take_config_from_info (self);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (changed_path != NULL)
    g_signal_emit (self, signals[SIGNAL_EXTERNAL_CHANGE], 0, changed_path);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  if (was_on != matou_daemon_get_proxy (self, NULL, NULL, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROXY_ON]);
}

static void
load_part_done (GTask *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (--data->pending > 0)
    return;

  if (!g_task_return_error_if_cancelled (task))
    {
      load_finish (g_task_get_source_object (task), data);
      g_task_return_boolean (task, TRUE);
    }
}

static void
json_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    data->json_text = contents;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    data->json_missing = TRUE;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    data->json_root_only = TRUE;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (&data->json_error, MATOU_ERROR, MATOU_ERROR_IO,
                 _("Cannot read %s: %s"), g_file_peek_path (G_FILE (source)), error->message);

  load_part_done (task);
}

/* A file whose absence or unreadability is no error: the drop-in, and the
 * root-only file a proxy with a password lives in (readable by root only,
 * so most users' pages show that proxy as the daemon reports it). */
typedef struct {
  GTask  *task;
  char  **text;   /* in the task's LoadData */
} OptionalLoad;

static void
optional_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OptionalLoad *load = user_data;
  g_autoptr(GTask) task = load->task;

  g_file_load_contents_finish (G_FILE (source), result, load->text, NULL, NULL, NULL);
  g_free (load);
  load_part_done (task);
}

static void
load_optional (GFile        *file,
               GCancellable *cancellable,
               GTask        *task,
               char        **text)
{
  OptionalLoad *load = g_new0 (OptionalLoad, 1);

  load->task = g_object_ref (task);
  load->text = text;
  g_file_load_contents_async (file, cancellable, optional_loaded_cb, load);
}

/* The running dockerd's flags, read from /proc, for the plan's flag conflicts. */
static void
find_dockerd_in_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  const char *socket_path = task_data;
  g_auto(MatouDockerd) dockerd = { 0 };

  if (socket_path != NULL)
    matou_dockerd_find (socket_path, &dockerd);
  g_task_return_pointer (task, g_steal_pointer (&dockerd.argv), (GDestroyNotify) g_strfreev);
}

static void
dockerd_found_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);

  data->dockerd_argv = g_task_propagate_pointer (G_TASK (result), NULL);
  load_part_done (task);
}

/* The look at /proc holds no reference to the model, and a reload that is
 * cancelled does not wait for it: a model dropped meanwhile is finalised. */
static void
find_dockerd (MatouDaemon *self,
              GTask       *task)
{
  g_autoptr(GTask) find = g_task_new (NULL, self->load_cancellable, dockerd_found_cb, g_object_ref (task));

  g_task_set_task_data (find, g_strdup (matou_daemon_get_socket_path (self)), g_free);
  g_task_set_return_on_cancel (find, TRUE);
  g_task_run_in_thread (find, find_dockerd_in_thread);
}

static void
snapshot_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);

  data->snapshot = matou_engine_client_snapshot_finish (MATOU_ENGINE_CLIENT (source), result, &data->engine_error);
  load_part_done (task);
}

static void
reload (MatouDaemon *self,
        gboolean             asks_engine)
{
  g_autoptr(GFile) json = g_file_new_for_path (self->daemon_json_path);
  g_autoptr(GFile) dropin = g_file_new_for_path (self->dropin_path);
  g_autofree char *dropin_dir = g_path_get_dirname (self->dropin_path);
  g_autofree char *env_path = g_build_filename (dropin_dir, MATOU_PROXY_ENV_NAME, NULL);
  g_autoptr(GFile) env = g_file_new_for_path (env_path);
  GTask *task;
  LoadData *data;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->load_cancellable, NULL, NULL);
  data = g_new0 (LoadData, 1);
  data->asks_engine = asks_engine && self->engine != NULL;
  data->pending = data->asks_engine ? 5 : 4;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  g_file_load_contents_async (json, self->load_cancellable, json_loaded_cb, g_object_ref (task));
  load_optional (dropin, self->load_cancellable, task, &data->dropin_text);
  load_optional (env, self->load_cancellable, task, &data->env_text);
  if (data->asks_engine)
    matou_engine_client_snapshot_async (self->engine, self->load_cancellable, snapshot_cb, g_object_ref (task));
  find_dockerd (self, task);
  g_object_unref (task);
}

/**
 * matou_daemon_reload:
 *
 * Reads daemon.json, the proxy drop-in and the daemon's version again,
 * asynchronously; "changed" follows.
 */
void
matou_daemon_reload (MatouDaemon *self)
{
  reload (self, TRUE);
}

static void watch_files (MatouDaemon *self);

static void
unwatch_files (MatouDaemon *self)
{
  if (self->monitors == NULL)
    return;
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFileMonitor *monitor = g_ptr_array_index (self->monitors, i);

      g_signal_handlers_disconnect_by_data (monitor, self);
      g_file_monitor_cancel (monitor);
    }
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
}

static void
on_file_changed_cb (MatouDaemon       *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_DELETED &&
      event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED && event != G_FILE_MONITOR_EVENT_MOVED_OUT)
    return;

  /* A file gone may have taken its directory with it: watch again. */
  if (event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    watch_files (self);

  /* Whose change it was is decided by content once the files are read. */
  matou_daemon_reload (self);
}

/* A watched file's missing directory appeared in its parent. */
static void
on_parent_changed_cb (MatouDaemon       *self,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event)
{
  GFile *appeared = event == G_FILE_MONITOR_EVENT_RENAMED ? other_file : file;

  if (event != G_FILE_MONITOR_EVENT_CREATED && event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFile *missing = g_object_get_data (g_ptr_array_index (self->monitors, i), "matou-missing-dir");

      if (missing != NULL && appeared != NULL && g_file_equal (missing, appeared))
        {
          watch_files (self);
          matou_daemon_reload (self);
          return;
        }
    }
}

/* GLib's inotify backend cannot watch a file whose directory does not exist:
 * it looks for the directory again every 4 seconds, for as long as Matou
 * runs (no /etc/docker before Docker is installed; no drop-in directory
 * while no proxy is set, the usual case). Such a file is watched through
 * its directory's parent, which tells when the directory appears; a file
 * whose parent's parent is missing too (no systemd) is not watched. */
static void
watch_file (MatouDaemon *self,
            const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GFile) parent = dir != NULL ? g_file_get_parent (dir) : NULL;
  GFileMonitor *monitor = NULL;

  if (dir == NULL)
    return;
  if (g_file_test (g_file_peek_path (dir), G_FILE_TEST_IS_DIR))
    {
      monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor != NULL)
        g_signal_connect_swapped (monitor, "changed", G_CALLBACK (on_file_changed_cb), self);
    }
  else if (parent != NULL && g_file_test (g_file_peek_path (parent), G_FILE_TEST_IS_DIR))
    {
      monitor = g_file_monitor_directory (parent, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor != NULL)
        {
          g_object_set_data_full (G_OBJECT (monitor), "matou-missing-dir", g_object_ref (dir), g_object_unref);
          g_signal_connect_swapped (monitor, "changed", G_CALLBACK (on_parent_changed_cb), self);
        }
    }
  if (monitor != NULL)
    g_ptr_array_add (self->monitors, monitor);
}

static void
watch_files (MatouDaemon *self)
{
  unwatch_files (self);
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  watch_file (self, self->daemon_json_path);
  watch_file (self, self->dropin_path);
}

/* --- the Engine poller ---------------------------------------------------- */

static void schedule_poll (MatouDaemon *self);

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MatouDaemon) self = user_data;
  g_autoptr(GError) error = NULL;
  MatouEngineSnapshot *snapshot = matou_engine_client_snapshot_finish (MATOU_ENGINE_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->poll_cancellable);
  /* Asking a daemon that is down every 5 s costs for nothing: wait longer each time. */
  self->poll_seconds = snapshot != NULL ? POLL_SECONDS : MIN (self->poll_seconds * 2, POLL_MAX_SECONDS);
  take_engine_answer (self, snapshot, g_steal_pointer (&error));
  schedule_poll (self);
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  MatouDaemon *self = user_data;

  self->poll_source = 0;
  matou_daemon_refresh_engine (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (MatouDaemon *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->watchers > 0 && !self->engine_paused && self->engine != NULL)
    self->poll_source = g_timeout_add_seconds (self->poll_seconds, poll_timeout_cb, self);
}

/**
 * matou_daemon_refresh_engine:
 *
 * Asks the Engine now; "engine-changed" follows. A look already under way
 * is left to finish.
 */
void
matou_daemon_refresh_engine (MatouDaemon *self)
{
  if (self->engine == NULL)
    {
      g_clear_error (&self->engine_error);
      self->engine_error = g_error_copy (self->host_error);
      g_signal_emit (self, signals[SIGNAL_ENGINE_CHANGED], 0);
      return;
    }

  if (self->poll_cancellable != NULL)
    return;
  self->poll_cancellable = g_cancellable_new ();
  matou_engine_client_snapshot_async (self->engine, self->poll_cancellable, poll_cb, g_object_ref (self));
}

/**
 * matou_daemon_watch_engine:
 * @watch: a page that shows the Engine came on screen (%TRUE) or left it
 *
 * The poller runs only while at least one such page is on screen.
 */
void
matou_daemon_watch_engine (MatouDaemon *self,
                           gboolean             watch)
{
  if (watch)
    {
      if (self->watchers++ == 0 && !self->engine_paused)
        {
          self->poll_seconds = POLL_SECONDS;
          matou_daemon_refresh_engine (self);
          schedule_poll (self);
        }
    }
  else if (self->watchers > 0 && --self->watchers == 0)
    {
      g_clear_handle_id (&self->poll_source, g_source_remove);
    }
}

/**
 * matou_daemon_pause_engine:
 * @paused: the window is hidden or not focused (%TRUE), or back (%FALSE)
 *
 * A page on screen in a window nobody looks at does not count: the poller
 * waits, and asks at once when the window is back.
 */
void
matou_daemon_pause_engine (MatouDaemon *self,
                           gboolean     paused)
{
  g_return_if_fail (MATOU_IS_DAEMON (self));

  paused = !!paused;
  if (self->engine_paused == paused)
    return;

  self->engine_paused = paused;
  if (paused)
    g_clear_handle_id (&self->poll_source, g_source_remove);
  else if (self->watchers > 0)
    {
      self->poll_seconds = POLL_SECONDS;
      matou_daemon_refresh_engine (self);
      schedule_poll (self);
    }
}

/* Why the Engine did not answer the last time it was asked; NULL when it did. */
const GError *
matou_daemon_get_engine_error (MatouDaemon *self)
{
  return self->engine_error;
}

/* The socket the Engine is asked on, or NULL when DOCKER_HOST names none. */
const char *
matou_daemon_get_socket_path (MatouDaemon *self)
{
  return self->engine != NULL ? matou_engine_client_get_socket_path (self->engine) : NULL;
}

/* The docker context picked in Matou: "" (the docker CLI's choice) or a name. */
char *
matou_daemon_dup_context_choice (MatouDaemon *self)
{
  return g_settings_get_string (self->settings, "docker-context");
}

void
matou_daemon_set_context_choice (MatouDaemon *self,
                                 const char  *name)
{
  g_settings_set_string (self->settings, "docker-context", name != NULL ? name : "");
}

/* Whether the Engine asked is the user's own rootless daemon, at the socket
 * dockerd-rootless.sh makes in the runtime directory: Matou applies to it as
 * the user, without pkexec, and reads its files in the user's home. */
gboolean
matou_daemon_get_rootless (MatouDaemon *self)
{
  return self->rootless;
}

/* A rootless daemon (its /info says so) whose socket is not where matou-helper
 * --rootless looks for it: the helper would change and check another daemon. */
gboolean
matou_daemon_get_rootless_elsewhere (MatouDaemon *self)
{
  return !self->rootless && self->snapshot != NULL && self->snapshot->info != NULL && self->snapshot->info->rootless &&
         engine_running (self);
}

/**
 * matou_daemon_dup_helper_verb:
 * @verb: a verb of the helper for the daemon (apply, rollback, status, service …)
 *
 * Returns: the verb as the runner is to be given it: for the user's rootless
 *   daemon with MATOU_HELPER_ROOTLESS before it, so that the helper runs as
 *   the user, without pkexec.
 */
char *
matou_daemon_dup_helper_verb (MatouDaemon *self,
                              const char  *verb)
{
  return self->rootless ? g_strconcat (MATOU_HELPER_ROOTLESS, " ", verb, NULL) : g_strdup (verb);
}

/* Whether settings applied from here reach the Engine shown: not when it is
 * on another computer, nor a rootless daemon the helper would not find. */
gboolean
matou_daemon_get_applies_here (MatouDaemon *self)
{
  const MatouDockerEndpoint *endpoint = matou_daemon_get_endpoint (self);

  if (matou_daemon_get_rootless_elsewhere (self))
    return FALSE;
  return endpoint == NULL || matou_docker_endpoint_is_local (endpoint);
}

/* The Engine asked (context, URL, how), or NULL when none could be chosen. */
const MatouDockerEndpoint *
matou_daemon_get_endpoint (MatouDaemon *self)
{
  return self->engine != NULL ? matou_engine_client_get_endpoint (self->engine) : NULL;
}

/* --- reading ------------------------------------------------------------- */

gboolean
matou_daemon_get_loaded (MatouDaemon *self)
{
  return self->loaded;
}

MatouDaemonConfig *
matou_daemon_get_config (MatouDaemon *self)
{
  return self->config;
}

const GError *
matou_daemon_get_error (MatouDaemon *self)
{
  return self->error;
}

const char *
matou_daemon_get_raw_text (MatouDaemon *self)
{
  return self->raw_text;
}

/* daemon.json is there but only root may read it: the configuration shown
 * is what the daemon reports (mirrors, the proxy with its password masked),
 * and its DNS servers are not known. */
gboolean
matou_daemon_get_json_root_only (MatouDaemon *self)
{
  return self->json_root_only;
}

const char *
matou_daemon_get_daemon_json_path (MatouDaemon *self)
{
  return self->daemon_json_path;
}

const char *
matou_daemon_get_dropin_path (MatouDaemon *self)
{
  return self->dropin_path;
}

const char *
matou_daemon_get_engine_version (MatouDaemon *self)
{
  return self->engine_version;
}

MatouEngineSnapshot *
matou_daemon_get_snapshot (MatouDaemon *self)
{
  return self->snapshot;
}

MatouProxyTarget
matou_daemon_get_proxy_target (MatouDaemon *self)
{
  return matou_proxy_target_for_engine (self->engine_version);
}

/**
 * matou_daemon_get_proxy:
 *
 * The daemon proxy configured where this Engine reads it (daemon.json on
 * 23.0+, the drop-in below). Returns whether one is set.
 */
gboolean
matou_daemon_get_proxy (MatouDaemon  *self,
                        char                **http,
                        char                **https,
                        char                **no)
{
  MatouProxyTarget target = matou_daemon_get_proxy_target (self);

  /* A proxy with a password lives in a file only root reads: read as
   * systemd does when this user can (root), else the proxy is what the
   * daemon reports, the password masked. */
  if (target == MATOU_PROXY_TARGET_DROPIN && self->env_text != NULL &&
      matou_proxy_dropin_uses_env_file (self->dropin_text))
    return matou_proxy_dropin_read_with_env (self->dropin_text, self->env_text, http, https, no);
  if (target == MATOU_PROXY_TARGET_DROPIN && self->snapshot != NULL &&
      matou_proxy_dropin_uses_env_file (self->dropin_text))
    {
      const MatouEngineInfo *info = self->snapshot->info;

      if (http != NULL)
        *http = g_strdup (info->http_proxy != NULL ? info->http_proxy : "");
      if (https != NULL)
        *https = g_strdup (info->https_proxy != NULL ? info->https_proxy : "");
      if (no != NULL)
        *no = g_strdup (info->no_proxy != NULL ? info->no_proxy : "");
      return (info->http_proxy != NULL && *info->http_proxy != '\0') ||
             (info->https_proxy != NULL && *info->https_proxy != '\0');
    }

  return matou_daemon_proxy_read (target, self->config, self->dropin_text, NULL, http, https, no);
}

/**
 * matou_daemon_plan:
 *
 * What @request would change given the files as last read, by the same
 * function the helper uses; %NULL with @error when the helper would refuse
 * it. How the daemon is run is the helper's to know, so a proxy the
 * drop-in cannot carry is refused there.
 */
MatouApplyPlan *
matou_daemon_plan (MatouDaemon      *self,
                   const MatouApplyRequest  *request,
                   GError                  **error)
{
  g_autofree char *dropin_dir = g_path_get_dirname (self->dropin_path);
  g_autofree char *env_path = g_build_filename (dropin_dir, MATOU_PROXY_ENV_NAME, NULL);
  /* The environment file is root's: the plan sees it missing, as a preview may. */
  MatouApplyContext context = {
    .daemon_json = self->raw_text != NULL ? self->raw_text : self->info_text,
    .daemon_json_path = self->daemon_json_path,
    .dropin = self->dropin_text,
    .dropin_env_path = env_path,
    .engine_version = self->engine_version,
    .service = MATOU_APPLY_SERVICE_UNKNOWN,
    .dockerd_argv = self->dockerd_argv,
  };

  return matou_apply_plan_new (request, &context, error);
}

/* Whether any helper run goes on: one at a time, whichever page started it. */
gboolean
matou_daemon_get_busy (MatouDaemon *self)
{
  return matou_helper_runner_get_busy (self->runner);
}

MatouHelperRunner *
matou_daemon_get_runner (MatouDaemon *self)
{
  return self->runner;
}

/* --- applying ------------------------------------------------------------ */

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

/* The helper read /info once the daemon answered again: its answer becomes the
 * Engine's snapshot where it is the whole of what changed. After a restart,
 * containers may have stopped, which the helper's answer does not say: FALSE,
 * and the Engine is asked. */
static gboolean
take_helper_info (MatouDaemon     *self,
                  const MatouHelperResult *result)
{
  const MatouHelperInfo *info = result != NULL ? result->info : NULL;
  MatouEngineSnapshot *snapshot = self->snapshot;
  g_autofree char *old_version = NULL;
  gboolean was_running;

  if (info == NULL || snapshot == NULL || info->server_version == NULL ||
      g_strcmp0 (result->action, "restart") == 0)
    return FALSE;

  replace_string (&snapshot->info->server_version, info->server_version);
  replace_string (&snapshot->version->version, info->server_version);
  if (info->api_version != NULL)
    replace_string (&snapshot->version->api_version, info->api_version);
  g_strfreev (snapshot->info->mirrors);
  snapshot->info->mirrors = g_strdupv (info->mirrors);
  replace_string (&snapshot->info->http_proxy, info->http_proxy);
  replace_string (&snapshot->info->https_proxy, info->https_proxy);
  replace_string (&snapshot->info->no_proxy, info->no_proxy);
  snapshot->info->live_restore = info->live_restore;

  was_running = engine_running (self);
  old_version = g_steal_pointer (&self->engine_version);
  self->engine_version = g_strdup (info->server_version);
  g_clear_error (&self->engine_error);
  engine_changed (self, was_running, old_version);

  return TRUE;
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatouDaemon *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  MatouHelperResult *helper_result = matou_helper_runner_run_finish (MATOU_HELPER_RUNNER (source), result, &error);

  /* What the files hold now is our doing, applied or rolled back; what the daemon
   * reports, the helper asked it last: /info is asked again only where the helper's
   * answer does not say all the pages show. */
  if (!g_error_matches (error, MATOU_ERROR, MATOU_ERROR_BUSY))
    {
      self->own_changes = TRUE;
      reload (self, !take_helper_info (self, helper_result));
    }

  if (helper_result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, helper_result, (GDestroyNotify) matou_helper_result_free);
}

static gboolean
is_our_run (MatouDaemon *self,
            MatouRun            *run)
{
  return self->own_runs != NULL && g_ptr_array_find (self->own_runs, run, NULL);
}

static void
on_runner_busy_cb (MatouDaemon *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_run_finished_cb (MatouDaemon *self,
                    MatouRun            *run)
{
  if (!is_our_run (self, run))
    return;
  g_ptr_array_remove (self->own_runs, run);

  /* The files are read again when the run's answer comes (apply_cb). */
  self->own_changes = TRUE;
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, run);
}

/**
 * matou_daemon_apply_async:
 * @title: what the run is called on the Logs page
 *
 * One helper run through the application's runner, hence one
 * authorisation; refused with MATOU_ERROR_BUSY while another run goes on.
 * "run-started" and "run-finished" tell the pages.
 */
void
matou_daemon_apply_async (MatouDaemon *self,
                          MatouApplyRequest   *request,
                          const char          *title,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *json = matou_apply_request_to_json (request);
  MatouRun *run;

  g_autofree char *verb = matou_daemon_dup_helper_verb (self, MATOU_HELPER_VERB_APPLY);

  g_task_set_source_tag (task, matou_daemon_apply_async);
  run = matou_helper_runner_run_async (self->runner, verb, json, title,
                                       _("Applied, and the daemon reports the new settings."),
                                       cancellable, apply_cb, task);
  if (run != NULL)
    {
      g_ptr_array_add (self->own_runs, g_object_ref (run));
      g_signal_emit (self, signals[SIGNAL_RUN_STARTED], 0, run);
    }
}

MatouHelperResult *
matou_daemon_apply_finish (MatouDaemon  *self,
                           GAsyncResult         *result,
                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the proxy switch ------------------------------------------------------ */

static void
set_draft (MatouDaemon *self,
           const char          *http,
           const char          *https,
           const char          *no)
{
  g_free (self->draft_http);
  g_free (self->draft_https);
  g_free (self->draft_no);
  self->draft_http = g_strdup (http != NULL ? http : "");
  self->draft_https = g_strdup (https != NULL ? https : "");
  self->draft_no = g_strdup (no != NULL ? no : "");
}

static void
recalled_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MatouDaemon) self = user_data;
  g_autofree char *http = NULL, *https = NULL, *no = NULL;

  if (!matou_proxy_memory_recall_finish (MATOU_PROXY_MEMORY (source), result, &http, &https, &no, NULL))
    return;

  /* What the user typed meanwhile wins over what was remembered. */
  if (self->draft_http == NULL)
    {
      set_draft (self, http, https, no);
      if (self->loaded)
        g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}

/**
 * matou_daemon_get_proxy_draft:
 *
 * The addresses the proxy switch turns on: typed while the proxy is off,
 * or remembered from when it was last turned off. Returns whether an HTTP
 * or HTTPS address is there.
 */
gboolean
matou_daemon_get_proxy_draft (MatouDaemon  *self,
                              char                **http,
                              char                **https,
                              char                **no)
{
  if (http != NULL)
    *http = g_strdup (self->draft_http != NULL ? self->draft_http : "");
  if (https != NULL)
    *https = g_strdup (self->draft_https != NULL ? self->draft_https : "");
  if (no != NULL)
    *no = g_strdup (self->draft_no != NULL ? self->draft_no : "");

  return (self->draft_http != NULL && *self->draft_http != '\0') ||
         (self->draft_https != NULL && *self->draft_https != '\0');
}

/* Held in memory only: nothing typed is stored until the switch turns the proxy off. */
void
matou_daemon_set_proxy_draft (MatouDaemon *self,
                              const char          *http,
                              const char          *https,
                              const char          *no)
{
  /* The form showing the draft back is no news (and must not hide what is still being recalled). */
  if (g_strcmp0 (http, self->draft_http != NULL ? self->draft_http : "") == 0 &&
      g_strcmp0 (https, self->draft_https != NULL ? self->draft_https : "") == 0 &&
      g_strcmp0 (no, self->draft_no != NULL ? self->draft_no : "") == 0)
    return;

  set_draft (self, http, https, no);
}

typedef struct {
  char *http;
  char *https;
  char *no;
} OffData;

static void
off_data_free (OffData *data)
{
  g_free (data->http);
  g_free (data->https);
  g_free (data->no);
  g_free (data);
}

static void
remembered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MatouDaemon) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!matou_proxy_memory_remember_finish (MATOU_PROXY_MEMORY (source), result, &error))
    g_signal_emit (self, signals[SIGNAL_PROXY_NOTE], 0, error->message);
}

static void
switched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatouDaemon *self = g_task_get_source_object (task);
  OffData *off = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MatouHelperResult *helper_result = matou_daemon_apply_finish (self, result, &error);

  /* Turned off: these addresses are what the switch turns on next time. */
  if (helper_result != NULL && helper_result->ok && off != NULL)
    {
      set_draft (self, off->http, off->https, off->no);
      matou_proxy_memory_remember_async (self->proxy_memory, off->http, off->https, off->no,
                                         NULL, remembered_cb, g_object_ref (self));
    }

  if (helper_result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, helper_result, (GDestroyNotify) matou_helper_result_free);
}

/**
 * matou_daemon_switch_proxy_async:
 * @on: turn the daemon proxy on (with the draft's addresses) or off
 *
 * The one-click switch. Turning it on without an address fails with
 * MATOU_ERROR_INVALID_VALUE: the Settings page is where one is typed.
 */
void
matou_daemon_switch_proxy_async (MatouDaemon *self,
                                 gboolean             on,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();

  g_task_set_source_tag (task, matou_daemon_switch_proxy_async);
  request->has_proxy = TRUE;
  if (on)
    {
      if (!matou_daemon_get_proxy_draft (self, &request->http_proxy, &request->https_proxy,
                                         &request->no_proxy))
        {
          g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                                   _("Type the proxy’s address on the Settings page first."));
          return;
        }
      /* Read from /info, the password is the daemon's mask: sent back, it would
       * replace the real one, so the user types it again. */
      if (matou_credentials_are_masked (request->http_proxy) ||
          matou_credentials_are_masked (request->https_proxy))
        {
          const char *message = _("Matou does not know the proxy’s password: only root could read it, and the daemon shows it as xxxxx:xxxxx. Type the user name and password again in the proxy’s address, then turn the proxy on.");

          g_signal_emit (self, signals[SIGNAL_PROXY_PASSWORD], 0, message);
          g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE, "%s", message);
          return;
        }
    }
  else
    {
      OffData *off = g_new0 (OffData, 1);

      matou_daemon_get_proxy (self, &off->http, &off->https, &off->no);
      g_task_set_task_data (task, off, (GDestroyNotify) off_data_free);
      request->clear_proxy = TRUE;
    }

  matou_daemon_apply_async (self, request,
                            on ? _("Turn the daemon proxy on") : _("Turn the daemon proxy off"),
                            cancellable, switched_cb, g_steal_pointer (&task));
}

MatouHelperResult *
matou_daemon_switch_proxy_finish (MatouDaemon  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- object -------------------------------------------------------------- */

static void
matou_daemon_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MatouDaemon *self = MATOU_DAEMON (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, matou_daemon_get_busy (self));
      break;

    case PROP_PROXY_ON:
      g_value_set_boolean (value, matou_daemon_get_proxy (self, NULL, NULL, NULL));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_ENGINE_RUNNING:
      g_value_set_boolean (value, engine_running (self));
      break;

    case PROP_ENGINE_VERSION:
      g_value_set_string (value, self->engine_version);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_daemon_dispose (GObject *object)
{
  MatouDaemon *self = MATOU_DAEMON (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_object (&self->engine);
  unwatch_files (self);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->own_runs, g_ptr_array_unref);
  g_clear_object (&self->proxy_memory);

  G_OBJECT_CLASS (matou_daemon_parent_class)->dispose (object);
}

static void
matou_daemon_finalize (GObject *object)
{
  MatouDaemon *self = MATOU_DAEMON (object);

  g_free (self->daemon_json_path);
  g_free (self->dropin_path);
  g_clear_object (&self->config);
  g_clear_error (&self->error);
  g_free (self->raw_text);
  g_free (self->info_text);
  g_free (self->dropin_text);
  g_strfreev (self->dockerd_argv);
  g_free (self->env_text);
  matou_engine_snapshot_free (self->snapshot);
  g_free (self->engine_version);
  g_clear_error (&self->host_error);
  g_clear_object (&self->settings);
  g_clear_error (&self->engine_error);
  g_free (self->draft_http);
  g_free (self->draft_https);
  g_free (self->draft_no);

  G_OBJECT_CLASS (matou_daemon_parent_class)->finalize (object);
}

static void
matou_daemon_class_init (MatouDaemonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = matou_daemon_get_property;
  object_class->dispose = matou_daemon_dispose;
  object_class->finalize = matou_daemon_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROXY_ON] =
    g_param_spec_boolean ("proxy-on", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the files have been read once (their texts, or why not). */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the Engine answered the last time it was asked. */
  properties[PROP_ENGINE_RUNNING] =
    g_param_spec_boolean ("engine-running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The Engine's version as it last said, kept while it does not answer. */
  properties[PROP_ENGINE_VERSION] =
    g_param_spec_string ("engine-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* After every look at the Engine: the snapshot, or the error, is new. */
  signals[SIGNAL_ENGINE_CHANGED] =
    g_signal_new ("engine-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_EXTERNAL_CHANGE] =
    g_signal_new ("external-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Another Engine is asked (the docker context picked in Matou changed); "engine-changed" follows. */
  signals[SIGNAL_ENDPOINT_CHANGED] =
    g_signal_new ("endpoint-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_RUN_STARTED] =
    g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MATOU_TYPE_RUN);
  signals[SIGNAL_PROXY_NOTE] =
    g_signal_new ("proxy-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The proxy to turn on holds the daemon's mask: its password is to be typed again. */
  signals[SIGNAL_PROXY_PASSWORD] =
    g_signal_new ("proxy-password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MATOU_TYPE_RUN);
}

static void
matou_daemon_init (MatouDaemon *self)
{
  self->own_runs = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The Engine to ask: the context picked in Matou, else the docker CLI's own choice. */
static void
choose_engine (MatouDaemon *self)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *choice = g_settings_get_string (self->settings, "docker-context");
  g_autoptr(MatouDockerEndpoint) endpoint = NULL;

  g_clear_error (&self->host_error);
  g_clear_object (&self->engine);
  endpoint = matou_docker_endpoint_resolve ((const char * const *) envp, choice, &self->host_error);
  self->rootless = endpoint != NULL && matou_docker_endpoint_is_rootless (endpoint, (const char * const *) envp);
  if (endpoint != NULL)
    self->engine = matou_engine_client_new_for_endpoint (endpoint);
}

/* The files of the daemon asked: the system's, or the user's own rootless
 * daemon's, where dockerd-rootless.sh and matou-helper --rootless keep them. */
static gboolean
choose_files (MatouDaemon *self)
{
  const char *json = g_getenv ("MATOU_DAEMON_JSON");
  const char *dropin_dir = g_getenv ("MATOU_DROPIN_DIR");
  g_autofree char *json_path = NULL;
  g_autofree char *dropin_path = NULL;
  gboolean changed;

  if (self->rootless)
    {
      /* Where the rootless dockerd and matou-helper --rootless look. */
      g_auto(MatouRootlessPlaces) places = { 0 };

      matou_rootless_places_init_for_user (&places);
      json_path = g_strdup (places.daemon_json);
      dropin_path = g_build_filename (places.dropin_dir, "http-proxy.conf", NULL);
    }
  else
    {
      json_path = g_strdup (json != NULL ? json : "/etc/docker/daemon.json");
      dropin_path = g_build_filename (dropin_dir != NULL ? dropin_dir : DEFAULT_DROPIN_DIR, "http-proxy.conf", NULL);
    }
  changed = g_strcmp0 (json_path, self->daemon_json_path) != 0 || g_strcmp0 (dropin_path, self->dropin_path) != 0;
  g_free (self->daemon_json_path);
  g_free (self->dropin_path);
  self->daemon_json_path = g_steal_pointer (&json_path);
  self->dropin_path = g_steal_pointer (&dropin_path);
  return changed;
}

static void
on_context_changed_cb (MatouDaemon *self)
{
  /* A look at the old Engine under way would answer for the wrong one. */
  g_cancellable_cancel (self->poll_cancellable);
  g_clear_object (&self->poll_cancellable);
  choose_engine (self);
  g_clear_error (&self->engine_error);
  /* The system's daemon and a rootless one keep their settings in different files. */
  if (choose_files (self))
    {
      /* Other files, not another program's change to these. */
      self->own_changes = TRUE;
      watch_files (self);
      reload (self, FALSE);
    }
  g_signal_emit (self, signals[SIGNAL_ENDPOINT_CHANGED], 0);
  self->poll_seconds = POLL_SECONDS;
  matou_daemon_refresh_engine (self);
  schedule_poll (self);
}

/**
 * matou_daemon_new:
 *
 * MATOU_DAEMON_JSON and MATOU_DROPIN_DIR name other files to read for the
 * system's daemon, for tests; they change only what this unprivileged
 * process reads; the helper writes where its root-owned configuration
 * says. A rootless daemon's files are always the user's own.
 */
MatouDaemon *
matou_daemon_new (MatouHelperRunner *runner)
{
  MatouDaemon *self = g_object_new (MATOU_TYPE_DAEMON, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  self->settings = g_object_ref (settings);
  choose_engine (self);
  g_signal_connect_object (settings, "changed::docker-context", G_CALLBACK (on_context_changed_cb), self, G_CONNECT_SWAPPED);

  self->runner = g_object_ref (runner);
  g_signal_connect_object (runner, "notify::busy", G_CALLBACK (on_runner_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (runner, "run-finished", G_CALLBACK (on_run_finished_cb), self, G_CONNECT_SWAPPED);
  self->proxy_memory = matou_proxy_memory_new (settings);
  matou_proxy_memory_recall_async (self->proxy_memory, NULL, recalled_cb, g_object_ref (self));
  choose_files (self);

  watch_files (self);

  matou_daemon_reload (self);

  return self;
}
