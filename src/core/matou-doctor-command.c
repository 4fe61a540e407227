/* `matou doctor`: the troubleshooting checks from a terminal, without a display or a session bus. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <unistd.h>

#include "matou-doctor.h"
#include "matou-doctor-command.h"

typedef struct {
  GMainLoop *loop;
  GPtrArray *checks;
  GError    *error;
  gboolean   human;
  gboolean   progress;  /* stderr is a terminal */
} Command;

static void
on_stage_started (MatouDoctor *doctor,
                  guint        stage,
                  Command     *command)
{
  if (!command->human)
    return;
  if (command->progress)
    fprintf (stderr, "[%u/%u] %s…\n", stage + 1, (guint) MATOU_N_STAGES, matou_doctor_stage_get_title (stage));
  else
    printf ("== %s ==\n", matou_doctor_stage_get_title (stage));
}

static void
on_check_added (MatouDoctor *doctor,
                MatouCheck  *check,
                Command     *command)
{
  g_auto(GStrv) lines = NULL;

  if (!command->human)
    return;

  printf ("%-8s %s [%s]\n", matou_check_state_get_label (check->state), check->title, check->id);
  lines = g_strsplit (check->detail, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      printf ("         %s\n", lines[i]);
  if (check->explanation != NULL && check->state != MATOU_CHECK_OK)
    printf ("         %s\n", check->explanation);
  if (check->fix.kind == MATOU_FIX_COMMAND || check->fix.kind == MATOU_FIX_START_DOCKER)
    /* Translators: what to do, then the command that does it. */
    printf (_("         %s: %s\n"), check->fix.label, check->fix.command);
  else if (check->fix.kind == MATOU_FIX_PULL_THROUGH)
    /* Translators: what to do, then the docker commands, then Matou's own option. */
    printf (_("         %s: %s\n         (or: matou doctor --pull IMAGE --pull-through)\n"), check->fix.label, check->fix.command);
  else if (check->fix.kind == MATOU_FIX_SETTINGS)
    /* Translators: %s is what to do, as “Add a registry mirror”; the rest tells where. */
    printf (_("         %s: in Matou, Settings\n"), check->fix.label);
  else if (check->fix.kind == MATOU_FIX_INSTALL)
    printf (_("         %s: in Matou, Install\n"), check->fix.label);
  fflush (stdout);
}

static void
on_pull_line (MatouDoctor *doctor,
              const char  *line,
              Command     *command)
{
  if (command->human && command->progress)
    fprintf (stderr, "         %s\n", line);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Command *command = user_data;

  command->checks = matou_doctor_run_finish (MATOU_DOCTOR (source), result, &command->error);
  g_main_loop_quit (command->loop);
}

int
matou_doctor_command_run (int    argc,
                          char **argv)
{
  gboolean json = FALSE;
  gboolean no_network = FALSE;
  gboolean pull_through = FALSE;
  g_autofree char *pull_image = NULL;
  int timeout = 10;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the checks as JSON"), NULL },
    { "pull", 0, 0, G_OPTION_ARG_STRING, &pull_image, N_("Try a real pull of IMAGE (removed again if it was not there)"), N_("IMAGE") },
    { "pull-through", 0, 0, G_OPTION_ARG_NONE, &pull_through, N_("With --pull, for an image outside Docker Hub: pull it through a prefix mirror and tag it back under its own name (kept)"), NULL },
    { "no-network", 0, 0, G_OPTION_ARG_NONE, &no_network, N_("Run only the local checks: send nothing over the network"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Seconds to wait for each network request (default 10)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDoctorKnowledge) knowledge = NULL;
  g_autoptr(MatouDoctor) doctor = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  MatouDoctorOptions options = { 0 };
  Command command = { 0 };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Checks why Docker cannot pull images, stage by stage, and says what to change.\n"
                                           "Exit status: 0 all ok, 1 warnings only, 2 a check failed, 3 could not run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "matou doctor: %s\n", error->message);
      fprintf (stderr, _("Run “matou doctor --help” to see the options.\n"));
      return MATOU_DOCTOR_EXIT_COULD_NOT_RUN;
    }
  if (argc > 1)
    {
      fprintf (stderr, _("matou doctor: unexpected argument “%s”. Run “matou doctor --help” to see the options.\n"), argv[1]);
      return MATOU_DOCTOR_EXIT_COULD_NOT_RUN;
    }
  if (pull_through && pull_image == NULL)
    {
      fprintf (stderr, _("matou doctor: --pull-through goes with --pull IMAGE.\n"));
      return MATOU_DOCTOR_EXIT_COULD_NOT_RUN;
    }
  if (timeout < 1 || timeout > 600)
    {
      fprintf (stderr, _("matou doctor: --timeout takes 1 to 600 seconds.\n"));
      return MATOU_DOCTOR_EXIT_COULD_NOT_RUN;
    }

  knowledge = matou_doctor_knowledge_load (&error);
  if (knowledge == NULL)
    {
      fprintf (stderr, "matou doctor: %s\n", error->message);
      return MATOU_DOCTOR_EXIT_COULD_NOT_RUN;
    }

  /* The same test hooks as the window: they only change what this unprivileged process reads. */
  options.daemon_json = g_getenv ("MATOU_DAEMON_JSON");
  options.dropin_dir = g_getenv ("MATOU_DROPIN_DIR");
  options.hub_url = g_getenv ("MATOU_DOCTOR_HUB_URL");
  options.pull_image = pull_image;
  options.no_network = no_network;
  options.pull_through = pull_through;
  options.prefix_mirror = g_getenv ("MATOU_DOCTOR_PREFIX_MIRROR");
  options.timeout_seconds = timeout;

  loop = g_main_loop_new (NULL, FALSE);
  command.loop = loop;
  command.human = !json;
  command.progress = isatty (STDERR_FILENO);
  doctor = matou_doctor_new (&options, knowledge);
  g_signal_connect (doctor, "stage-started", G_CALLBACK (on_stage_started), &command);
  g_signal_connect (doctor, "check-added", G_CALLBACK (on_check_added), &command);
  g_signal_connect (doctor, "pull-line", G_CALLBACK (on_pull_line), &command);
  matou_doctor_run_async (doctor, NULL, run_cb, &command);
  g_main_loop_run (loop);

  checks = g_steal_pointer (&command.checks);
  if (checks == NULL)
    {
      fprintf (stderr, "matou doctor: %s\n", command.error->message);
      g_clear_error (&command.error);
      return MATOU_DOCTOR_EXIT_COULD_NOT_RUN;
    }

  if (json)
    {
      g_autofree char *text = matou_checks_to_json (checks);
      printf ("%s\n", text);
    }
  else
    {
      int status = matou_checks_exit_status (checks);
      printf ("\n%s\n", status == 0 ? _("Everything checked works.") :
                        status == 1 ? _("It works, with warnings: see above.") :
                                      _("A check failed: see above for why and what to change."));
    }
  fflush (stdout);

  return matou_checks_exit_status (checks);
}
