/* Follows the Docker daemon's log as the user, into a log model: its journal, or the file it writes where there is no systemd. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>

#include "matou-daemon-log.h"
#include "matou-error.h"
#include "matou-helper-client.h"
#include "matou-journal-follower.h"
#include "matou-rootless.h"


struct _MatouJournalFollower
{
  GObject        parent_instance;

  MatouLogModel *lines;
  gboolean       running;
  char          *problem;
  char          *source;    /* which log is shown, in words */
  char          *file;      /* the file followed, or NULL for the journal */
  gboolean       fixed;     /* the source was chosen by the constructor, not found */
  char          *fixed_file;
  gboolean       can_elevate;    /* the file is there, but this user may not read it */
  gboolean       as_admin;       /* the user chose to read it through the helper */
  gboolean       rootless;       /* the user's own rootless daemon: its log is the user's */
  gboolean       user_journal;   /* then, under systemd --user: the user's journal */
  MatouHelperClient *helper;     /* "matou-helper log" in flight, if any */

  /* The journalctl in flight, if any. Each start has its own cancellable,
   * so the callbacks of a stopped one never touch the next. */
  GSubprocess   *process;
  GCancellable  *cancellable;
  char          *last_error_line;
  guint          pending;   /* stdout, stderr and the exit still to come */
};

G_DEFINE_FINAL_TYPE (MatouJournalFollower, matou_journal_follower, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PROBLEM,
  PROP_LINES,
  PROP_SOURCE,
  PROP_CAN_ELEVATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The setters of the properties: each notifies only when the value changes. */
static void
set_flag (MatouJournalFollower *self,
          gboolean             *field,
          gboolean              value,
          guint                 prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_text (MatouJournalFollower  *self,
          char                 **field,
          const char            *value,
          guint                  prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_running (MatouJournalFollower *self,
             gboolean              running)
{
  set_flag (self, &self->running, running, PROP_RUNNING);
}

static void
set_problem (MatouJournalFollower *self,
             const char           *problem)
{
  set_text (self, &self->problem, problem, PROP_PROBLEM);
}

static void
set_source (MatouJournalFollower *self,
            const char           *source)
{
  set_text (self, &self->source, source, PROP_SOURCE);
}

static void
set_can_elevate (MatouJournalFollower *self,
                 gboolean              can_elevate)
{
  set_flag (self, &self->can_elevate, can_elevate, PROP_CAN_ELEVATE);
}

static const char *
permission_problem (void)
{
  return _("You may not read the system journal, so the daemon’s lines do not appear here. "
           "Join the systemd-journal or adm group (for example “sudo usermod -aG systemd-journal $USER”), "
           "then log out and in again. Until then, each apply in this session keeps the daemon’s own "
           "lines: open it in the list of runs.");
}

/* Ends the current journalctl; its callbacks see the cancellation and stop. */
static void
drop_process (MatouJournalFollower *self)
{
  if (self->process != NULL)
    g_subprocess_send_signal (self->process, SIGTERM);
  if (self->helper != NULL)
    {
      /* pkexec's root process cannot be signalled: the helper ends when told
       * on its standard input, or when that input closes with the client. */
      g_signal_handlers_disconnect_by_data (self->helper, self);
      matou_helper_client_stop (self->helper);
      g_clear_object (&self->helper);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->process);
  g_clear_pointer (&self->last_error_line, g_free);
  self->pending = 0;
}

/* A problem that means nothing more will come: stop, and say why. */
static void
fail (MatouJournalFollower *self,
      const char           *problem)
{
  drop_process (self);
  set_problem (self, problem);
  set_running (self, FALSE);
}

/* All three ends have arrived: journalctl is gone without being asked to. */
static void
finish_one (MatouJournalFollower *self)
{
  g_autofree char *problem = NULL;
  int status;

  g_assert (self->pending > 0);
  if (--self->pending > 0)
    return;

  status = g_subprocess_get_if_exited (self->process) ? g_subprocess_get_exit_status (self->process) : -1;
  if (self->file != NULL)
    problem = g_strdup_printf (_("Following %s stopped. Turn following off and on to try again."), self->file);
  else if (self->last_error_line != NULL)
    /* TRANSLATORS: %s is journalctl's own message, in English */
    problem = g_strdup_printf (_("journalctl stopped: “%s”. Turn following off and on to try again."),
                               self->last_error_line);
  else if (status >= 0)
    problem = g_strdup_printf (_("journalctl stopped with exit status %d. Turn following off and on to try again."),
                               status);
  else
    problem = g_strdup (_("journalctl was stopped by a signal. Turn following off and on to try again."));

  matou_log_model_flush (self->lines);
  fail (self, problem);
}

static gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* "2024-05-01T10:00:00+0800 host dockerd[812]: message" → source "dockerd",
 * text "2024-05-01T10:00:00+0800 message". Anything else stays whole. */
static void
append_journal_line (MatouJournalFollower *self,
                     const char           *line)
{
  const char *host = strchr (line, ' ');
  const char *ident = host != NULL ? strchr (host + 1, ' ') : NULL;
  const char *message = ident != NULL ? strstr (ident + 1, ": ") : NULL;

  if (g_ascii_isdigit (line[0]) && message != NULL)
    {
      g_autofree char *source = g_strndup (ident + 1, message - (ident + 1));
      g_autofree char *text = NULL;
      char *pid = strchr (source, '[');

      if (pid != NULL)
        *pid = '\0';
      text = g_strdup_printf ("%.*s %s", (int) (host - line), line, message + 2);
      matou_log_model_append (self->lines, matou_log_level_guess (message + 2), source, text);
    }
  else
    {
      matou_log_model_append (self->lines, MATOU_LOG_LEVEL_INFO, "journalctl", line);
    }
}

/* What to do with one line of journalctl's (or tail's) output; FALSE stops reading. */
typedef gboolean (*LineHandler) (MatouJournalFollower *self,
                                 char                 *line);

typedef struct {
  MatouJournalFollower *self;
  LineHandler           handle;
} LineRead;

static void on_line_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
read_next_line (MatouJournalFollower *self,
                GDataInputStream     *stream,
                LineHandler           handle)
{
  LineRead *next = g_new0 (LineRead, 1);

  next->self = g_object_ref (self);
  next->handle = handle;
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, self->cancellable, on_line_cb, next);
}

static char *
read_line_finish (GDataInputStream  *stream,
                  GAsyncResult      *result,
                  GError           **error)
{
  g_autofree char *raw = g_data_input_stream_read_line_finish (stream, result, NULL, error);

  /* A log line is shown, not parsed: keep what is readable of it. */
  return raw != NULL ? g_utf8_make_valid (raw, -1) : NULL;
}

static void
on_line_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineRead *next = user_data;
  g_autoptr(MatouJournalFollower) self = next->self;
  LineHandler handle = next->handle;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = read_line_finish (stream, result, &error);

  g_free (next);
  if (is_cancelled (error))
    return;
  if (line == NULL)
    {
      finish_one (self);
      return;
    }

  if (handle (self, line))
    read_next_line (self, stream, handle);
}

static gboolean
handle_stdout_line (MatouJournalFollower *self,
                    char                 *line)
{
  if (self->file != NULL)
    matou_log_model_append (self->lines, matou_log_level_guess (line), "dockerd", line);
  else if (g_str_has_prefix (line, MATOU_JOURNAL_NO_ENTRIES))
    {
      if (self->problem == NULL)
        set_problem (self, _("The journal has no lines from docker.service. Either systemd does not run Docker "
                             "here, or you may not read the system journal: join the systemd-journal or adm group, "
                             "then log out and in again. Each apply in this session keeps the daemon’s own lines: "
                             "open it in the list of runs."));
    }
  else
    {
      append_journal_line (self, line);
    }

  return TRUE;
}

static gboolean
handle_stderr_line (MatouJournalFollower *self,
                    char                 *line)
{
  g_strstrip (line);
  if (*line == '\0')
    return TRUE;
  if (self->file != NULL)
    {
      /* tail says why it cannot read the file, and keeps trying until it can. */
      if (strstr (line, "Permission denied") != NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("You may not read %s, where the Docker daemon writes its log, so its lines do not appear here. Show it with administrator rights (Matou asks for a password), or ask an administrator to let you read it (on Debian it belongs to the docker group)."),
                                                      self->file);

          matou_log_model_flush (self->lines);
          fail (self, problem);
          set_can_elevate (self, TRUE);
          return FALSE;
        }
      if (strstr (line, "No such file") != NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("%s does not exist yet: the Docker daemon has not written its log there. Its lines appear here as soon as it does."),
                                                      self->file);

          set_problem (self, problem);
        }
      else if (strstr (line, "has appeared") != NULL || strstr (line, "has become accessible") != NULL)
        set_problem (self, NULL);
      return TRUE;
    }

  matou_log_model_append (self->lines, MATOU_LOG_LEVEL_WARNING, "journalctl", line);
  g_free (self->last_error_line);
  self->last_error_line = g_strdup (line);

  if (strstr (line, MATOU_JOURNAL_NO_FILES) != NULL)
    {
      /* journalctl would wait for a journal that never comes. */
      matou_log_model_flush (self->lines);
      if (!g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR))
        fail (self, _("This system does not run systemd, so Docker’s log is not kept in a journal; "
                      "the daemon may write it to /var/log/docker.log instead. Each apply in this session "
                      "keeps the daemon’s own lines: open it in the list of runs."));
      else
        fail (self, permission_problem ());
      return FALSE;
    }
  if (strstr (line, MATOU_JOURNAL_NO_PERMISSION) != NULL || strstr (line, MATOU_JOURNAL_NOT_OTHERS) != NULL)
    set_problem (self, permission_problem ());

  return TRUE;
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MatouJournalFollower) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error) && is_cancelled (error))
    return;

  finish_one (self);
}

static void
choose_source (MatouJournalFollower *self)
{
  g_autofree char *source = NULL;

  g_free (self->file);
  self->file = self->fixed ? g_strdup (self->fixed_file) : matou_daemon_log_file ();
  self->user_journal = FALSE;
  if (!self->fixed && self->rootless)
    {
      /* Where matou-helper --rootless has it: the user unit's journal, else the
       * file its direct backend gives dockerd-rootless.sh. */
      g_auto(MatouRootlessPlaces) places = { 0 };

      matou_rootless_places_init_for_user (&places);
      g_clear_pointer (&self->file, g_free);
      self->user_journal = g_file_test (places.unit, G_FILE_TEST_EXISTS);
      if (!self->user_journal)
        self->file = g_strdup (places.log_file);
    }
  if (self->user_journal)
    source = g_strdup (_("Shows your rootless daemon’s journal (journalctl --user-unit docker), as it is written"));
  else if (self->file != NULL && self->rootless && !self->fixed)
    /* TRANSLATORS: %s is the rootless daemon's log file */
    source = g_strdup_printf (_("Shows the file %s, where Matou has your rootless daemon write its log"), self->file);
  else if (self->file != NULL && self->as_admin)
    /* TRANSLATORS: %s is the daemon's log file, for example /var/log/docker.log */
    source = g_strdup_printf (_("Shows the file %s, read as administrator"), self->file);
  else if (self->file != NULL)
    /* TRANSLATORS: %s is the daemon's log file, for example /var/log/docker.log */
    source = g_strdup_printf (_("Shows the file %s, where the daemon writes its log without systemd"), self->file);
  else
    source = g_strdup (_("Shows the journal of docker.service (journalctl -u docker), as it is written"));
  set_source (self, source);
}

static void
on_helper_log_cb (MatouJournalFollower *self,
                  const char           *source,
                  const char           *text)
{
  matou_log_model_append (self->lines, matou_log_level_guess (text), source, text);
}

/* The helper waits for a file not written yet, and says so in a step. */
static void
on_helper_step_cb (MatouJournalFollower *self,
                   const char           *text)
{
  set_problem (self, text);
}

static void
on_helper_log_finished_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(MatouJournalFollower) self = user_data;
  g_autoptr(MatouHelperResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  answer = matou_helper_client_run_finish (MATOU_HELPER_CLIENT (source), result, &error);
  /* Stopped by this follower, or replaced by a newer start. */
  if (is_cancelled (error) || self->helper != MATOU_HELPER_CLIENT (source))
    return;

  matou_log_model_flush (self->lines);
  if (g_error_matches (error, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED))
    problem = g_strdup (_("Authentication was cancelled, so the daemon’s log is not shown. Press “Show with Administrator Rights” to try again."));
  else if (g_error_matches (error, MATOU_ERROR, MATOU_ERROR_NOT_AUTHORISED))
    /* TRANSLATORS: %s is the daemon's log file, for example /var/log/docker.log */
    problem = g_strdup_printf (_("You are not authorised to read %s as administrator. Ask an administrator to let you read it (on Debian it belongs to the docker group)."),
                               self->file);
  else if (error != NULL)
    problem = g_strdup (error->message);
  else if (answer->error != NULL)
    problem = g_strdup (answer->error);
  else
    problem = g_strdup_printf (_("Following %s stopped. Turn following off and on to try again."), self->file);

  fail (self, problem);
  /* A cancelled prompt may be tried again. */
  set_can_elevate (self, g_error_matches (error, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED));
}

/* `matou-helper log` through pkexec: the helper's own configuration names the file. */
static void
start_helper (MatouJournalFollower *self)
{
  self->helper = matou_helper_client_new ();
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->helper, "log", G_CALLBACK (on_helper_log_cb), self);
  g_signal_connect_swapped (self->helper, "step", G_CALLBACK (on_helper_step_cb), self);
  matou_helper_client_run_async (self->helper, MATOU_HELPER_VERB_LOG, NULL, self->cancellable,
                                 on_helper_log_finished_cb, g_object_ref (self));
  set_running (self, TRUE);
}

/**
 * matou_journal_follower_start_as_administrator:
 *
 * Follows the daemon's log file through `matou-helper log` (pkexec asks for
 * a password) from now on, for a file this user may not read; "source"
 * says so. Only the user's own choice calls this: it never happens on its
 * own. Does nothing for the journal.
 */
void
matou_journal_follower_start_as_administrator (MatouJournalFollower *self)
{
  g_return_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self));

  drop_process (self);
  set_running (self, FALSE);
  self->as_admin = TRUE;
  matou_journal_follower_start (self);
}

/**
 * matou_journal_follower_start:
 *
 * Starts `journalctl -u docker -f -n 200 -o short-iso` as the user, or,
 * without systemd, `tail -n 200 -F` of the daemon's log file. The lines it
 * had are cleared first: the last 200 come again. When it cannot run, or
 * may not read the daemon's lines, "problem" says so and how to see them;
 * "source" says which log it shows (known from the start).
 */
void
matou_journal_follower_start (MatouJournalFollower *self)
{
  const char *journal_argv[] = {
    "journalctl", "-u", "docker", "-f", "-n", "200", "-o", "short-iso", "--no-pager", NULL,
  };
  const char *tail_argv[] = { "tail", "-n", "200", "-F", "--", NULL, NULL };
  const char * const *argv = journal_argv;
  g_autofree char *program = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDataInputStream) err = NULL;

  g_return_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self));

  if (self->running)
    return;

  matou_log_model_clear (self->lines);
  set_problem (self, NULL);

  choose_source (self);
  if (self->user_journal)
    journal_argv[1] = "--user-unit";
  if (self->file != NULL && self->as_admin)
    {
      set_can_elevate (self, FALSE);
      start_helper (self);
      return;
    }
  if (self->file != NULL)
    {
      tail_argv[5] = self->file;
      argv = tail_argv;
    }

  program = g_find_program_in_path (argv[0]);
  if (program == NULL)
    {
      set_problem (self, _("journalctl is not installed, so Matou cannot follow the daemon’s log on this system. "
                           "Each apply in this session keeps the daemon’s own lines: open it in the list of runs."));
      return;
    }

  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

    /* tail's messages are read for their meaning: in its untranslated words. */
    if (self->file != NULL)
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
    self->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  }
  if (self->process == NULL)
    {
      /* TRANSLATORS: %s is the program: journalctl or tail */
      g_autofree char *problem = g_strdup_printf (_("Could not start %s: %s"), argv[0], error->message);

      set_problem (self, problem);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->pending = 3;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->process));
  read_next_line (self, out, handle_stdout_line);
  read_next_line (self, err, handle_stderr_line);
  g_subprocess_wait_async (self->process, self->cancellable, on_exited_cb, g_object_ref (self));
  set_running (self, TRUE);
}

void
matou_journal_follower_stop (MatouJournalFollower *self)
{
  g_return_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self));

  drop_process (self);
  set_running (self, FALSE);
}

gboolean
matou_journal_follower_get_running (MatouJournalFollower *self)
{
  g_return_val_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self), FALSE);

  return self->running;
}

/**
 * matou_journal_follower_get_can_elevate:
 *
 * Whether the daemon's log file is there but this user may not read it, so
 * that matou_journal_follower_start_as_administrator() can show it.
 */
gboolean
matou_journal_follower_get_can_elevate (MatouJournalFollower *self)
{
  g_return_val_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self), FALSE);

  return self->can_elevate;
}

const char *
matou_journal_follower_get_problem (MatouJournalFollower *self)
{
  g_return_val_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self), NULL);

  return self->problem;
}

/**
 * matou_journal_follower_get_source:
 *
 * Which log the follower shows, in words: the journal or a file.
 */
const char *
matou_journal_follower_get_source (MatouJournalFollower *self)
{
  g_return_val_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self), NULL);

  return self->source;
}

MatouLogModel *
matou_journal_follower_get_lines (MatouJournalFollower *self)
{
  g_return_val_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self), NULL);

  return self->lines;
}

static void
matou_journal_follower_dispose (GObject *object)
{
  MatouJournalFollower *self = MATOU_JOURNAL_FOLLOWER (object);

  drop_process (self);

  G_OBJECT_CLASS (matou_journal_follower_parent_class)->dispose (object);
}

static void
matou_journal_follower_finalize (GObject *object)
{
  MatouJournalFollower *self = MATOU_JOURNAL_FOLLOWER (object);

  g_clear_object (&self->lines);
  g_free (self->problem);
  g_free (self->source);
  g_free (self->file);
  g_free (self->fixed_file);

  G_OBJECT_CLASS (matou_journal_follower_parent_class)->finalize (object);
}

static void
matou_journal_follower_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MatouJournalFollower *self = MATOU_JOURNAL_FOLLOWER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_LINES:
      g_value_set_object (value, self->lines);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_CAN_ELEVATE:
      g_value_set_boolean (value, self->can_elevate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_journal_follower_class_init (MatouJournalFollowerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = matou_journal_follower_dispose;
  object_class->finalize = matou_journal_follower_finalize;
  object_class->get_property = matou_journal_follower_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_ELEVATE] =
    g_param_spec_boolean ("can-elevate", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL, MATOU_TYPE_LOG_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
matou_journal_follower_init (MatouJournalFollower *self)
{
  self->lines = matou_log_model_new (MATOU_LOG_MODEL_DEFAULT_MAX_LINES);
  choose_source (self);
}

/* The daemon's journal under systemd, else its log file (see matou_daemon_log_file()). */
MatouJournalFollower *
matou_journal_follower_new (void)
{
  return g_object_new (MATOU_TYPE_JOURNAL_FOLLOWER, NULL);
}

/**
 * matou_journal_follower_new_for_source:
 * @file: (nullable): the daemon's log file; %NULL for its journal
 *
 * A follower of the source given, whatever this system runs.
 */
MatouJournalFollower *
matou_journal_follower_new_for_source (const char *file)
{
  MatouJournalFollower *self = g_object_new (MATOU_TYPE_JOURNAL_FOLLOWER, NULL);

  self->fixed = TRUE;
  self->fixed_file = g_strdup (file);
  choose_source (self);

  return self;
}

/**
 * matou_journal_follower_set_rootless:
 * @rootless: the daemon shown is the user's own rootless daemon
 *
 * Its log is the user's own: the user's journal under systemd --user, else
 * the file matou-helper --rootless has it write. Following starts again on
 * the other log when this changes while it runs.
 */
void
matou_journal_follower_set_rootless (MatouJournalFollower *self,
                                     gboolean              rootless)
{
  gboolean was_running;

  g_return_if_fail (MATOU_IS_JOURNAL_FOLLOWER (self));

  rootless = !!rootless;
  if (self->rootless == rootless)
    return;
  self->rootless = rootless;
  self->as_admin = FALSE;
  was_running = self->running;
  if (was_running)
    matou_journal_follower_stop (self);
  choose_source (self);
  if (was_running)
    matou_journal_follower_start (self);
}
