/* The troubleshooting checks: stages run in order in a worker thread, each check reported as it is found. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-doctor-private.h"

struct _MatouDoctor
{
  GObject                     parent_instance;

  MatouDoctorOptions          options;
  const MatouDoctorKnowledge *knowledge;
  GPtrArray                  *checks;  /* what the caller was shown, in the caller's context */
};

G_DEFINE_FINAL_TYPE (MatouDoctor, matou_doctor, G_TYPE_OBJECT)

enum {
  STAGE_STARTED,
  CHECK_ADDED,
  PULL_LINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every id, in the order the checks come: documented in the README. */
static const MatouCheckId check_ids[] = {
  { "docker.installed", MATOU_STAGE_DOCKER, N_("Whether Docker is installed") },
  { "docker.daemon", MATOU_STAGE_DOCKER, N_("Whether the Docker daemon answers") },
  { "docker.permission", MATOU_STAGE_DOCKER, N_("Whether you may use Docker’s socket") },
  { "config.daemon-json", MATOU_STAGE_CONFIG, N_("Whether daemon.json is valid") },
  { "config.dropins", MATOU_STAGE_CONFIG, N_("The systemd drop-ins of docker.service") },
  { "config.cmdline", MATOU_STAGE_CONFIG, N_("The running daemon’s own flags") },
  { "config.flag-conflict", MATOU_STAGE_CONFIG, N_("Whether a setting is given twice") },
  { "config.proxy", MATOU_STAGE_CONFIG, N_("Where the daemon’s proxy comes from") },
  { "config.other-homes", MATOU_STAGE_CONFIG, N_("Other Docker configurations") },
  { "config.effective", MATOU_STAGE_CONFIG, N_("Whether the daemon uses these settings") },
  { "dns.hub", MATOU_STAGE_DNS, N_("Whether Docker Hub’s names resolve") },
  { "dns.mirrors", MATOU_STAGE_DNS, N_("Registry mirrors’ names") },
  { "dns.daemon-servers", MATOU_STAGE_DNS, N_("The DNS servers of daemon.json") },
  { "reach.proxy", MATOU_STAGE_REACH, N_("The daemon’s proxy") },
  { "reach.hub", MATOU_STAGE_REACH, N_("Whether Docker Hub answers") },
  { "reach.mirrors", MATOU_STAGE_REACH, N_("Whether the registry mirrors answer") },
  { "registry.hub", MATOU_STAGE_REGISTRY, N_("Docker Hub’s handshake") },
  { "registry.mirrors", MATOU_STAGE_REGISTRY, N_("The registry mirrors’ handshake") },
  { "pull.test", MATOU_STAGE_PULL, N_("A test pull") },
  { "images.registry", MATOU_STAGE_IMAGES, N_("Where the image comes from") },
};

const MatouCheckId *
matou_doctor_check_ids (guint *n_ids)
{
  *n_ids = G_N_ELEMENTS (check_ids);
  return check_ids;
}

static void
options_copy (MatouDoctorOptions       *dest,
              const MatouDoctorOptions *src)
{
  dest->socket_path = g_strdup (src->socket_path);
  dest->context = g_strdup (src->context);
  dest->daemon_json = g_strdup (src->daemon_json);
  dest->dropin_dir = g_strdup (src->dropin_dir);
  dest->hub_url = g_strdup (src->hub_url);
  dest->pull_image = g_strdup (src->pull_image);
  dest->pull_through = src->pull_through;
  dest->prefix_mirror = g_strdup (src->prefix_mirror);
  dest->no_network = src->no_network;
  dest->timeout_seconds = src->timeout_seconds != 0 ? src->timeout_seconds : 10;
}

static void
options_clear (MatouDoctorOptions *options)
{
  g_free ((char *) options->socket_path);
  g_free ((char *) options->context);
  g_free ((char *) options->daemon_json);
  g_free ((char *) options->dropin_dir);
  g_free ((char *) options->hub_url);
  g_free ((char *) options->pull_image);
  g_free ((char *) options->prefix_mirror);
  memset (options, 0, sizeof *options);
}

static void
matou_doctor_finalize (GObject *object)
{
  MatouDoctor *self = MATOU_DOCTOR (object);

  options_clear (&self->options);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (matou_doctor_parent_class)->finalize (object);
}

static void
matou_doctor_class_init (MatouDoctorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = matou_doctor_finalize;

  signals[STAGE_STARTED] = g_signal_new ("stage-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[CHECK_ADDED] = g_signal_new ("check-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[PULL_LINE] = g_signal_new ("pull-line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
matou_doctor_init (MatouDoctor *self)
{
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_check_free);
}

MatouDoctor *
matou_doctor_new (const MatouDoctorOptions   *options,
                  const MatouDoctorKnowledge *knowledge)
{
  MatouDoctor *self = g_object_new (MATOU_TYPE_DOCTOR, NULL);
  MatouDoctorOptions defaults = { 0 };

  options_copy (&self->options, options != NULL ? options : &defaults);
  self->knowledge = knowledge;

  return self;
}

/* Progress travels to the caller's context as small events. */
typedef struct {
  MatouDoctor *doctor;
  guint        signal;
  guint        stage;
  MatouCheck  *check;
  char        *line;
} Event;

static gboolean
emit_event_cb (gpointer user_data)
{
  Event *event = user_data;

  switch (event->signal)
    {
    case STAGE_STARTED:
      g_signal_emit (event->doctor, signals[STAGE_STARTED], 0, event->stage);
      break;
    case CHECK_ADDED:
      g_ptr_array_add (event->doctor->checks, event->check);
      g_signal_emit (event->doctor, signals[CHECK_ADDED], 0, g_steal_pointer (&event->check));
      break;
    case PULL_LINE:
      g_signal_emit (event->doctor, signals[PULL_LINE], 0, event->line);
      break;
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
event_free (gpointer user_data)
{
  Event *event = user_data;

  g_object_unref (event->doctor);
  matou_check_free (event->check);
  g_free (event->line);
  g_free (event);
}

static void
post_event (MatouDoctorRun *run,
            Event          *event)
{
  event->doctor = g_object_ref (run->doctor);
  g_main_context_invoke_full (run->caller_context, G_PRIORITY_DEFAULT, emit_event_cb, event, event_free);
}

/* A stage may still complete a check (its fix) right after adding it: a
 * check is shown when the next one comes, or its stage ends. */
static void
flush_checks (MatouDoctorRun *run)
{
  for (; run->n_posted < run->checks->len; run->n_posted++)
    {
      Event *event = g_new0 (Event, 1);

      event->signal = CHECK_ADDED;
      event->check = matou_check_copy (g_ptr_array_index (run->checks, run->n_posted));
      post_event (run, event);
    }
}

MatouCheck *
matou_doctor_run_add (MatouDoctorRun *run,
                      MatouCheck     *check)
{
  flush_checks (run);
  g_ptr_array_add (run->checks, check);

  return check;
}

void
matou_doctor_run_skip (MatouDoctorRun   *run,
                       const char       *id,
                       MatouDoctorStage  stage,
                       const char       *title,
                       const char       *reason)
{
  matou_doctor_run_add (run, matou_check_new (id, stage, MATOU_CHECK_SKIPPED, title, reason, NULL));
}

void
matou_doctor_run_pull_line (MatouDoctorRun *run,
                            const char     *line)
{
  Event *event = g_new0 (Event, 1);

  flush_checks (run);
  event->signal = PULL_LINE;
  event->line = g_strdup (line);
  post_event (run, event);
}

static void
stage_started (MatouDoctorRun   *run,
               MatouDoctorStage  stage)
{
  Event *event = g_new0 (Event, 1);

  flush_checks (run);
  event->signal = STAGE_STARTED;
  event->stage = stage;
  post_event (run, event);
}

void
matou_doctor_iterate_until (GMainContext *context,
                            gboolean     *done)
{
  while (!*done)
    g_main_context_iteration (context, TRUE);
}

gboolean
matou_doctor_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      bare[strlen (bare) - 1] = '\0';
      memmove (bare, bare + 1, strlen (bare));
    }
  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

SoupSession *
matou_doctor_registry_session (const char *proxy,
                               guint       timeout_seconds)
{
  SoupSession *session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                        "user-agent", "Matou/" PACKAGE_VERSION,
                                                        NULL);

  /* Never the session's own proxy: the daemon does not use it either. */
  if (proxy != NULL)
    {
      g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (proxy, NULL);
      soup_session_set_proxy_resolver (session, resolver);
    }
  else
    {
      g_autoptr(GProxyResolver) none = g_simple_proxy_resolver_new (NULL, NULL);
      soup_session_set_proxy_resolver (session, none);
    }

  return session;
}

static void
target_free (MatouDoctorTarget *target)
{
  g_free (target->url);
  g_free (target->host);
  g_free (target->problem);
  g_free (target);
}

static void
run_free (MatouDoctorRun *run)
{
  g_clear_object (&run->doctor);
  g_clear_pointer (&run->caller_context, g_main_context_unref);
  g_clear_object (&run->cancellable);
  options_clear (&run->options);
  g_clear_pointer (&run->checks, g_ptr_array_unref);
  g_clear_pointer (&run->install, matou_docker_install_free);
  g_free (run->socket_path);
  g_clear_pointer (&run->endpoint, matou_docker_endpoint_free);
  g_clear_pointer (&run->snapshot, matou_engine_snapshot_free);
  g_clear_error (&run->engine_error);
  g_free (run->daemon_json_path);
  g_clear_object (&run->config);
  g_strfreev (run->mirrors);
  g_strfreev (run->dns);
  g_free (run->proxy);
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  g_free (run);
}

static gboolean
stage_has_failure (MatouDoctorRun   *run,
                   MatouDoctorStage  stage)
{
  for (guint i = 0; i < run->checks->len; i++)
    {
      const MatouCheck *check = g_ptr_array_index (run->checks, i);
      if (check->stage == stage && check->state == MATOU_CHECK_FAILED)
        return TRUE;
    }
  return FALSE;
}

/* Every check of @stage, skipped with @reason. */
static void
skip_stage (MatouDoctorRun   *run,
            MatouDoctorStage  stage,
            const char       *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_ids); i++)
    if (check_ids[i].stage == stage)
      matou_doctor_run_skip (run, check_ids[i].id, stage, _(check_ids[i].title), reason);
}

static gboolean
any_target (MatouDoctorRun *run,
            gsize           offset)
{
  for (guint i = 0; i < run->targets->len; i++)
    {
      MatouDoctorTarget *target = g_ptr_array_index (run->targets, i);
      if (G_STRUCT_MEMBER (gboolean, target, offset))
        return TRUE;
    }
  return FALSE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  MatouDoctorRun *run = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  const char *no_network = _("Not run: only the local checks were asked for (--no-network).");
  g_autofree char *remote_config = NULL;
  g_autofree char *remote_network = NULL;
  gboolean remote;

  /* The async parts of the core library run to their end on this thread. */
  g_main_context_push_thread_default (context);

  stage_started (run, MATOU_STAGE_DOCKER);
  matou_doctor_stage_docker (run);

  /* An Engine on another computer keeps its configuration and pulls through
   * its own network there: this computer's files and network say nothing of it. */
  remote = run->endpoint != NULL && !matou_docker_endpoint_is_local (run->endpoint);
  if (remote)
    {
      remote_config = g_strdup_printf (_("Not run: the Engine is on another computer (%s), so its daemon.json, service and flags are there, not here. "
                                         "Run “matou doctor” on that computer; Settings’ Export… takes settings there."),
                                       run->endpoint->host);
      remote_network = g_strdup_printf (_("Not run: these checks test this computer’s network, but the Engine at %s pulls through its own computer’s. "
                                          "Run “matou doctor” on that computer."),
                                        run->endpoint->host);
    }

  stage_started (run, MATOU_STAGE_CONFIG);
  if (remote)
    skip_stage (run, MATOU_STAGE_CONFIG, remote_config);
  else
    matou_doctor_stage_config (run);

  stage_started (run, MATOU_STAGE_DNS);
  if (remote)
    skip_stage (run, MATOU_STAGE_DNS, remote_network);
  else if (run->options.no_network)
    skip_stage (run, MATOU_STAGE_DNS, no_network);
  else
    matou_doctor_stage_dns (run);

  stage_started (run, MATOU_STAGE_REACH);
  if (remote)
    skip_stage (run, MATOU_STAGE_REACH, remote_network);
  else if (run->options.no_network)
    skip_stage (run, MATOU_STAGE_REACH, no_network);
  else if (!any_target (run, G_STRUCT_OFFSET (MatouDoctorTarget, resolved)) && run->proxy == NULL)
    skip_stage (run, MATOU_STAGE_REACH, _("Not run: no registry name resolves, so none can be reached (see Name resolution)."));
  else
    matou_doctor_stage_reach (run);

  stage_started (run, MATOU_STAGE_REGISTRY);
  if (remote)
    skip_stage (run, MATOU_STAGE_REGISTRY, remote_network);
  else if (run->options.no_network)
    skip_stage (run, MATOU_STAGE_REGISTRY, no_network);
  else if (!any_target (run, G_STRUCT_OFFSET (MatouDoctorTarget, reached)))
    skip_stage (run, MATOU_STAGE_REGISTRY, _("Not run: no registry can be reached, so no handshake can work (see Reachability)."));
  else
    matou_doctor_stage_registry (run);

  stage_started (run, MATOU_STAGE_PULL);
  if (run->options.pull_image == NULL)
    skip_stage (run, MATOU_STAGE_PULL, _("Not asked for: a test pull downloads an image (matou doctor --pull IMAGE, or Test Pull on the Diagnose page)."));
  else if (run->options.no_network)
    skip_stage (run, MATOU_STAGE_PULL, no_network);
  else if (run->snapshot == NULL || stage_has_failure (run, MATOU_STAGE_DOCKER))
    skip_stage (run, MATOU_STAGE_PULL, _("Not run: the Docker daemon does not answer (see Docker itself)."));
  else if (run->socket_path == NULL)
    skip_stage (run, MATOU_STAGE_PULL, _("Not run: the Engine is on another computer, and a test pull from here would only show how that computer pulls. Run “matou doctor --pull IMAGE” there."));
  else
    matou_doctor_stage_pull (run);

  stage_started (run, MATOU_STAGE_IMAGES);
  matou_doctor_stage_images (run);
  flush_checks (run);

  g_main_context_pop_thread_default (context);

  if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Troubleshooting was stopped."));
      return;
    }
  g_task_return_pointer (task, g_ptr_array_ref (run->checks), (GDestroyNotify) g_ptr_array_unref);
}

void
matou_doctor_run_async (MatouDoctor         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MatouDoctorRun *run;

  g_return_if_fail (MATOU_IS_DOCTOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, matou_doctor_run_async);

  run = g_new0 (MatouDoctorRun, 1);
  run->doctor = g_object_ref (self);
  run->caller_context = g_main_context_ref_thread_default ();
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  options_copy (&run->options, &self->options);
  run->knowledge = self->knowledge;
  run->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_check_free);
  run->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_ptr_array_set_size (self->checks, 0);

  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

GPtrArray *
matou_doctor_run_finish (MatouDoctor   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
