/* Runs matou-helper through pkexec and reads its answer as it comes. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-helper-client.h"

struct _MatouHelperClient
{
  GObject   parent_instance;

  char     *helper_path;
  char    **command;      /* a test's direct command instead of pkexec */
  MatouRun *run;          /* where steps and log lines also go */
  GOutputStream *input;   /* install: the running helper's standard input, kept open for "stop" */
};

G_DEFINE_FINAL_TYPE (MatouHelperClient, matou_helper_client, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP,
  SIGNAL_LOG,
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  GSubprocess       *process;
  GDataInputStream  *lines;
  GOutputStream     *errors;     /* what pkexec itself says, on stderr */
  char              *request;
  MatouHelperResult *result;
  gboolean           keep_input;  /* install: stdin stays open for "stop" */
  gboolean           rootless;    /* run as the user, without pkexec: its statuses mean nothing */
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->process);
  g_clear_object (&data->lines);
  g_clear_object (&data->errors);
  g_free (data->request);
  matou_helper_result_free (data->result);
  g_free (data);
}

/* Each line is read once, into its typed form; the signals carry that. */
static void
handle_line (MatouHelperClient *self,
             RunData           *data,
             const char        *line)
{
  g_autoptr(MatouHelperEvent) event = matou_helper_event_parse (line, NULL);

  if (event == NULL)
    {
      /* Not ours: show it, do not act on it. */
      g_signal_emit (self, signals[SIGNAL_LOG], 0, "matou-helper", line);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event);
  switch (event->type)
    {
    case MATOU_HELPER_EVENT_STEP:
      g_signal_emit (self, signals[SIGNAL_STEP], 0, event->text);
      break;

    case MATOU_HELPER_EVENT_LOG:
      g_signal_emit (self, signals[SIGNAL_LOG], 0, event->source, event->text);
      break;

    case MATOU_HELPER_EVENT_RESULT:
    default:
      matou_helper_result_free (data->result);
      data->result = g_steal_pointer (&event->result);
      break;
    }
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *stderr_text = NULL;
  int status;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = g_subprocess_get_if_exited (data->process) ? g_subprocess_get_exit_status (data->process) : -1;
  if (data->keep_input)
    {
      MatouHelperClient *self = g_task_get_source_object (task);

      if (self->input != NULL)
        g_output_stream_close (self->input, NULL, NULL);
      g_clear_object (&self->input);
    }
  g_output_stream_close (data->errors, NULL, NULL);
  /* An empty stream has no data at all. */
  stderr_text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (data->errors)),
                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (data->errors)));
  if (stderr_text == NULL)
    stderr_text = g_strdup ("");
  g_strstrip (stderr_text);

  /* pkexec's own statuses: the helper never uses them. */
  if (status == MATOU_PKEXEC_EXIT_CANCELLED && !data->rootless)
    {
      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED,
                               _("Authentication was cancelled. Nothing was changed."));
      return;
    }
  if (status == MATOU_PKEXEC_EXIT_NOT_AUTHORISED && data->result == NULL && !data->rootless)
    {
      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_NOT_AUTHORISED,
                               _("You are not authorised to change Docker’s settings (%s). Nothing was changed; ask an administrator to add you to the sudo group or change the settings for you."),
                               *stderr_text != '\0' ? stderr_text : _("polkit refused"));
      return;
    }

  if (data->result == NULL)
    {
      g_task_return_new_error (task, MATOU_ERROR, MATOU_ERROR_HELPER,
                               _("The helper ended (status %d) without saying what happened: %s"),
                               status,
                               *stderr_text != '\0' ? stderr_text : _("no output"));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) matou_helper_result_free);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MatouHelperClient *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  /* Taken before the task is handed on: argument order is unspecified. */
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (error != NULL)
    {
      g_subprocess_force_exit (data->process);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (line == NULL)
    {
      /* End of output: the exit status says the rest. */
      g_subprocess_wait_async (data->process, cancellable, wait_cb, g_steal_pointer (&task));
      return;
    }

  handle_line (self, data, line);
  g_data_input_stream_read_line_async (data->lines, G_PRIORITY_DEFAULT, cancellable,
                                       read_line_cb, g_steal_pointer (&task));
}

static void
write_request_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  RunData *data = g_task_get_task_data (task);

  /* A helper that refused early closes its end: its answer says why. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    g_debug ("Writing the request failed: %s", error->message);

  /* install keeps reading: a later line "stop" asks it to stop after its current step. */
  if (data->keep_input && error == NULL && !g_task_get_completed (task))
    {
      MatouHelperClient *self = g_task_get_source_object (task);

      g_set_object (&self->input, G_OUTPUT_STREAM (source));
      return;
    }

  g_output_stream_close (G_OUTPUT_STREAM (source), NULL, NULL);
}

/**
 * matou_helper_client_run_async:
 * @verb: "apply", "rollback", "status", "install", or "service" with its
 *   argument as one string ("service start"): each word is one argument;
 *   "--rootless " before it runs the helper as this user, without pkexec
 * @request: (nullable): the request JSON, sent on standard input (it may
 *   hold proxy passwords, which must not appear in any argv)
 *
 * Runs `pkexec HELPER verb`: one authorisation for the whole action (or
 * `HELPER --rootless verb` for the user's own daemon: none). The
 * "step" and "log" signals fire as the helper's lines arrive.
 */
void
matou_helper_client_run_async (MatouHelperClient   *self,
                               const char          *verb,
                               const char          *request,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) argv_builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  RunData *data;

  g_return_if_fail (MATOU_IS_HELPER_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, matou_helper_client_run_async);
  data = g_new0 (RunData, 1);
  /* install reads its request up to the first newline; log reads nothing
   * but the end of its input, or a line that tells it to stop. */
  data->keep_input = g_strcmp0 (verb, MATOU_HELPER_VERB_INSTALL) == 0 ||
                     g_strcmp0 (verb, MATOU_HELPER_VERB_LOG) == 0;
  data->request = g_strconcat (request != NULL ? request : "",
                               g_strcmp0 (verb, MATOU_HELPER_VERB_INSTALL) == 0 ? "\n" : "", NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  {
    g_auto(GStrv) words = g_strsplit (verb, " ", -1);
    /* A rootless daemon is the user's own: the helper runs as the user, with no pkexec. */
    gboolean rootless = g_strcmp0 (words[0], MATOU_HELPER_ROOTLESS) == 0;

    data->rootless = rootless;

    if (self->command != NULL)
      {
        g_strv_builder_add (argv_builder, self->command[0]);
        if (rootless)
          g_strv_builder_add (argv_builder, MATOU_HELPER_ROOTLESS);
        g_strv_builder_addv (argv_builder, (const char **) self->command + 1);
      }
    else if (rootless)
      g_strv_builder_add_many (argv_builder, self->helper_path, MATOU_HELPER_ROOTLESS, NULL);
    else
      g_strv_builder_add_many (argv_builder, "pkexec", self->helper_path, NULL);
    g_strv_builder_addv (argv_builder, (const char **) words + (rootless ? 1 : 0));
  }
  argv = g_strv_builder_end (argv_builder);

  data->process = g_subprocess_newv ((const char * const *) argv,
                                     G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                     &error);
  if (data->process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->errors = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (data->errors, g_subprocess_get_stderr_pipe (data->process),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, G_PRIORITY_DEFAULT,
                                NULL, NULL, NULL);

  g_output_stream_write_all_async (g_subprocess_get_stdin_pipe (data->process),
                                   data->request, strlen (data->request), G_PRIORITY_DEFAULT,
                                   cancellable, write_request_cb, g_object_ref (task));

  data->lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (data->process));
  g_data_input_stream_read_line_async (data->lines, G_PRIORITY_DEFAULT, cancellable,
                                       read_line_cb, g_steal_pointer (&task));
}

MatouHelperResult *
matou_helper_client_run_finish (MatouHelperClient  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
matou_helper_client_finalize (GObject *object)
{
  MatouHelperClient *self = MATOU_HELPER_CLIENT (object);

  g_free (self->helper_path);
  g_strfreev (self->command);
  g_clear_object (&self->run);
  g_clear_object (&self->input);

  G_OBJECT_CLASS (matou_helper_client_parent_class)->finalize (object);
}

static void
matou_helper_client_class_init (MatouHelperClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = matou_helper_client_finalize;

  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* Every line the helper prints, as a MatouHelperEvent, before "step" or "log" for it. */
  signals[SIGNAL_EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
matou_helper_client_init (MatouHelperClient *self)
{
  /* The policy names the installed helper; another path only works where
   * polkit authorises it some other way, as in an uninstalled build. */
  const char *path = g_getenv ("MATOU_HELPER_PATH");
  /* Tests run as root and start the helper directly, with its --config.
   * This only changes what this unprivileged process itself runs. */
  const char *command = g_getenv ("MATOU_HELPER_COMMAND");

  self->helper_path = g_strdup (path != NULL ? path : HELPER_PATH);
  if (command != NULL && !g_shell_parse_argv (command, NULL, &self->command, NULL))
    g_warning ("MATOU_HELPER_COMMAND cannot be parsed; using pkexec");
}

static void
on_step_to_run_cb (MatouHelperClient *self,
                   const char        *text)
{
  if (self->run != NULL)
    matou_run_append (self->run, MATOU_LOG_LEVEL_STEP, "matou-helper", text);
}

static void
on_log_to_run_cb (MatouHelperClient *self,
                  const char        *source,
                  const char        *text)
{
  if (self->run != NULL)
    matou_run_append (self->run, matou_log_level_guess (text), source, text);
}

/**
 * matou_helper_client_log_into:
 * @run: (nullable): the run whose lines receive the helper's steps and log
 */
void
matou_helper_client_log_into (MatouHelperClient *self,
                              MatouRun          *run)
{
  g_return_if_fail (MATOU_IS_HELPER_CLIENT (self));

  if (self->run == NULL && run != NULL)
    {
      g_signal_connect (self, "step", G_CALLBACK (on_step_to_run_cb), NULL);
      g_signal_connect (self, "log", G_CALLBACK (on_log_to_run_cb), NULL);
    }
  g_set_object (&self->run, run);
}

MatouHelperClient *
matou_helper_client_new (void)
{
  return g_object_new (MATOU_TYPE_HELPER_CLIENT, NULL);
}

/**
 * matou_helper_client_stop:
 *
 * Asks the running install to stop after the step it is running, by a line
 * "stop" on its standard input: pkexec's root process cannot be signalled by
 * the user, but it reads what the user writes. The run then ends as usual,
 * with a result that says where it stopped. "log" ends the same way. Does
 * nothing for other verbs.
 */
void
matou_helper_client_stop (MatouHelperClient *self)
{
  static const char line[] = "stop\n";

  g_return_if_fail (MATOU_IS_HELPER_CLIENT (self));

  if (self->input == NULL)
    return;

  g_output_stream_write_all (self->input, line, sizeof line - 1, NULL, NULL, NULL);
  g_output_stream_flush (self->input, NULL, NULL);
}
