/* The one supervisor of helper runs: one at a time across apply, the proxy switch and install, each in the history. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-helper-client.h"
#include "matou-helper-runner.h"

struct _MatouHelperRunner
{
  GObject            parent_instance;

  MatouRunHistory   *history;
  GApplication      *application;  /* held while a run goes on: quitting waits for it */
  MatouHelperClient *client;       /* the run in flight, or NULL */
  MatouRun          *current;
};

G_DEFINE_FINAL_TYPE (MatouHelperRunner, matou_helper_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_RUN_STARTED,
  SIGNAL_RUN_FINISHED,
  SIGNAL_EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  MatouRun *run;
  char     *success_summary;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->run);
  g_free (data->success_summary);
  g_free (data);
}

static void
on_event_cb (MatouHelperRunner *self,
             MatouHelperEvent  *event)
{
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatouHelperRunner *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) answer = NULL;

  answer = matou_helper_client_run_finish (MATOU_HELPER_CLIENT (source), result, &error);

  if (answer == NULL)
    matou_run_finish (data->run,
                      g_error_matches (error, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED) ? MATOU_RUN_CANCELLED : MATOU_RUN_FAILED,
                      error->message);
  else if (answer->ok)
    matou_run_finish (data->run, MATOU_RUN_SUCCEEDED, data->success_summary);
  else
    matou_run_finish (data->run,
                      answer->status == MATOU_HELPER_EXIT_CANCELLED ? MATOU_RUN_CANCELLED : MATOU_RUN_FAILED,
                      answer->error);

  g_clear_object (&self->client);
  g_clear_object (&self->current);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, data->run);
  if (self->application != NULL)
    g_application_release (self->application);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify) matou_helper_result_free);
}

/**
 * matou_helper_runner_run_async:
 * @request: (nullable): the request, sent on standard input
 * @title: what the run is called on the Logs page
 * @success_summary: what the run's summary says when it succeeds
 *
 * One helper run, hence one authorisation. While it goes on, a second run
 * is refused with words saying which one is going, and the application is
 * held, so that quitting waits for the run to end.
 *
 * Returns: (transfer none) (nullable): the run in the history, or %NULL
 *   when it was refused (the callback says why)
 */
MatouRun *
matou_helper_runner_run_async (MatouHelperRunner   *self,
                               const char          *verb,
                               const char          *request,
                               const char          *title,
                               const char          *success_summary,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RunData *data;

  g_return_val_if_fail (MATOU_IS_HELPER_RUNNER (self), NULL);

  g_task_set_source_tag (task, matou_helper_runner_run_async);
  if (self->client != NULL)
    {
      g_autofree char *reason = matou_helper_runner_dup_busy_reason (self);

      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_BUSY, "%s", reason);
      return NULL;
    }

  data = g_new0 (RunData, 1);
  data->run = g_object_ref (matou_run_history_begin (self->history, title));
  data->success_summary = g_strdup (success_summary);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  self->current = g_object_ref (data->run);
  self->client = matou_helper_client_new ();
  matou_helper_client_log_into (self->client, data->run);
  g_signal_connect_object (self->client, "event", G_CALLBACK (on_event_cb), self, G_CONNECT_SWAPPED);
  if (self->application != NULL)
    g_application_hold (self->application);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[SIGNAL_RUN_STARTED], 0, data->run);
  matou_helper_client_run_async (self->client, verb, request, cancellable, run_cb, g_steal_pointer (&task));

  return self->current;
}

MatouHelperResult *
matou_helper_runner_run_finish (MatouHelperRunner  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Asks the running helper (install) to stop after the step it is on. */
void
matou_helper_runner_stop (MatouHelperRunner *self)
{
  if (self->client != NULL)
    matou_helper_client_stop (self->client);
}

gboolean
matou_helper_runner_get_busy (MatouHelperRunner *self)
{
  return self->client != NULL;
}

/* The run in flight, or NULL. */
MatouRun *
matou_helper_runner_get_current (MatouHelperRunner *self)
{
  return self->current;
}

/* Why another run has to wait, in words; NULL when nothing runs. */
char *
matou_helper_runner_dup_busy_reason (MatouHelperRunner *self)
{
  if (self->current == NULL)
    return NULL;

  return g_strdup_printf (_("“%s” is still running. Wait until it has finished, then try again; the Logs page shows how it goes."),
                          matou_run_get_title (self->current));
}

MatouRunHistory *
matou_helper_runner_get_history (MatouHelperRunner *self)
{
  return self->history;
}

static void
matou_helper_runner_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MatouHelperRunner *self = MATOU_HELPER_RUNNER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, matou_helper_runner_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_helper_runner_dispose (GObject *object)
{
  MatouHelperRunner *self = MATOU_HELPER_RUNNER (object);

  /* A run still going finishes its step; the helper stops when nobody reads it. */
  if (self->client != NULL)
    matou_helper_client_stop (self->client);
  g_clear_object (&self->client);
  g_clear_object (&self->current);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (matou_helper_runner_parent_class)->dispose (object);
}

static void
matou_helper_runner_class_init (MatouHelperRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = matou_helper_runner_get_property;
  object_class->dispose = matou_helper_runner_dispose;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RUN_STARTED] =
    g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MATOU_TYPE_RUN);
  signals[SIGNAL_RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MATOU_TYPE_RUN);
  /* Every line of the run in flight, as a MatouHelperEvent. */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
matou_helper_runner_init (MatouHelperRunner *self)
{
}

/**
 * matou_helper_runner_new:
 * @application: (nullable): held while a run goes on
 */
MatouHelperRunner *
matou_helper_runner_new (MatouRunHistory *history,
                         GApplication    *application)
{
  MatouHelperRunner *self = g_object_new (MATOU_TYPE_HELPER_RUNNER, NULL);

  self->history = g_object_ref (history);
  /* Not a reference: the application owns the runner. */
  self->application = application;

  return self;
}
