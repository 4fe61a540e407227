/* The Diagnose page: the doctor's checks by stage, their fixes, an error explainer and a report to copy. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-application.h"
#include "matou-doctor.h"
#include "matou-troubleshoot-page.h"

struct _MatouTroubleshootPage
{
  AdwBin                parent_instance;

  AdwEntryRow          *image_row;
  GtkProgressBar       *progress;
  GtkLabel             *status_label;
  GtkLabel             *start_label;
  GtkBox               *stages_box;
  GtkTextView          *error_view;
  GtkButton            *explain_fix_button;
  GtkLabel             *explain_title;
  GtkLabel             *explain_text;

  MatouDoctorKnowledge *knowledge;
  char                 *knowledge_error;  /* why the rules did not load */
  MatouDoctor          *doctor;
  GCancellable         *cancellable;
  GPtrArray            *checks;           /* MatouCheck, as they came */
  AdwPreferencesGroup  *groups[MATOU_N_STAGES];
  MatouFix              explain_fix;
  gboolean              running;
  MatouHelperRunner    *runner;           /* the application's one runner of helper runs */
  gboolean              starting;         /* this page's Start Docker runs */
};

G_DEFINE_FINAL_TYPE (MatouTroubleshootPage, matou_troubleshoot_page, ADW_TYPE_BIN)

static void
update_actions (MatouTroubleshootPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "troubleshoot.run", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "troubleshoot.copy-report", !self->running && self->checks->len > 0);
}

static const char *
state_icon (MatouCheckState state)
{
  switch (state)
    {
    case MATOU_CHECK_OK: return "emblem-ok-symbolic";
    case MATOU_CHECK_WARNING: return "dialog-warning-symbolic";
    case MATOU_CHECK_FAILED: return "dialog-error-symbolic";
    case MATOU_CHECK_SKIPPED:
    default: return "action-unavailable-symbolic";
    }
}

static void
clear_stages (MatouTroubleshootPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stages_box))) != NULL)
    gtk_box_remove (self->stages_box, child);
  for (guint i = 0; i < MATOU_N_STAGES; i++)
    {
      self->groups[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->groups[i], matou_doctor_stage_get_title (i));
      gtk_widget_set_visible (GTK_WIDGET (self->groups[i]), FALSE);
      gtk_box_append (self->stages_box, GTK_WIDGET (self->groups[i]));
    }
  g_ptr_array_set_size (self->checks, 0);
}

static void
on_stage_started_cb (MatouTroubleshootPage *self,
                     guint                  stage,
                     MatouDoctor           *doctor)
{
  g_autofree char *text = g_strdup_printf (_("Stage %u of %u: %s"), stage + 1, (guint) MATOU_N_STAGES,
                                           matou_doctor_stage_get_title (stage));

  gtk_progress_bar_set_fraction (self->progress, (double) stage / MATOU_N_STAGES);
  gtk_progress_bar_set_text (self->progress, text);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[stage]), TRUE);
}

static void
on_check_added_cb (MatouTroubleshootPage *self,
                   MatouCheck            *check,
                   MatouDoctor           *doctor)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (state_icon (check->state));
  GtkWidget *state = gtk_label_new (matou_check_state_get_label (check->state));
  g_autoptr(GString) subtitle = g_string_new (check->detail);
  guint index = self->checks->len;

  g_ptr_array_add (self->checks, matou_check_copy (check));

  if (check->explanation != NULL && check->state != MATOU_CHECK_OK)
    g_string_append_printf (subtitle, "\n%s", check->explanation);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  if (check->fix.kind != MATOU_FIX_NONE)
    {
      GtkWidget *button = gtk_button_new_with_label (check->fix.label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "troubleshoot.fix");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (index));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->groups[check->stage]), TRUE);
  adw_preferences_group_add (self->groups[check->stage], row);
}

static void
on_pull_line_cb (MatouTroubleshootPage *self,
                 const char            *line,
                 MatouDoctor           *doctor)
{
  gtk_progress_bar_pulse (self->progress);
  gtk_progress_bar_set_text (self->progress, line);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(MatouTroubleshootPage) self = user_data;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[4] = { 0 };
  g_autofree char *summary = NULL;

  checks = matou_doctor_run_finish (MATOU_DOCTOR (source), result, &error);
  if (checks == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running = FALSE;
  g_signal_handlers_disconnect_by_data (source, self);
  g_clear_object (&self->doctor);
  gtk_progress_bar_set_fraction (self->progress, 1.0);

  for (guint i = 0; checks != NULL && i < checks->len; i++)
    counts[((MatouCheck *) g_ptr_array_index (checks, i))->state]++;
  summary = g_strdup_printf (_("Done. OK: %u, warnings: %u, failed: %u, skipped: %u."),
                             counts[MATOU_CHECK_OK], counts[MATOU_CHECK_WARNING],
                             counts[MATOU_CHECK_FAILED], counts[MATOU_CHECK_SKIPPED]);
  gtk_progress_bar_set_text (self->progress, summary);
  gtk_label_set_text (self->status_label,
                      counts[MATOU_CHECK_FAILED] > 0 ? _("A check failed: its row says why and what to change.") :
                      counts[MATOU_CHECK_WARNING] > 0 ? _("It works, with warnings.") :
                                                        _("Everything checked works."));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  update_actions (self);
}

/* @pull_through: an image of another registry is pulled through a prefix mirror and tagged back. */
static void
run_checks (MatouTroubleshootPage *self,
            gboolean               pull_through)
{
  g_autofree char *image = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->image_row))));
  g_autofree char *context = NULL;
  MatouDoctorOptions options = { 0 };

  if (self->running)
    return;

  /* The same test hooks as `matou doctor`: they only change what this process reads. */
  options.daemon_json = g_getenv ("MATOU_DAEMON_JSON");
  options.dropin_dir = g_getenv ("MATOU_DROPIN_DIR");
  options.hub_url = g_getenv ("MATOU_DOCTOR_HUB_URL");
  options.pull_image = *image != '\0' ? image : NULL;
  options.pull_through = pull_through;
  options.prefix_mirror = g_getenv ("MATOU_DOCTOR_PREFIX_MIRROR");
  /* The Engine Overview shows: the context picked there, else the docker CLI's. */
  if (MATOU_IS_APPLICATION (g_application_get_default ()))
    context = matou_daemon_dup_context_choice (matou_application_get_daemon (MATOU_APPLICATION (g_application_get_default ())));
  options.context = context != NULL && *context != '\0' ? context : NULL;

  clear_stages (self);
  self->doctor = matou_doctor_new (&options, self->knowledge);
  g_signal_connect_swapped (self->doctor, "stage-started", G_CALLBACK (on_stage_started_cb), self);
  g_signal_connect_swapped (self->doctor, "check-added", G_CALLBACK (on_check_added_cb), self);
  g_signal_connect_swapped (self->doctor, "pull-line", G_CALLBACK (on_pull_line_cb), self);
  self->running = TRUE;
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  update_actions (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  matou_doctor_run_async (self->doctor, self->cancellable, run_cb, g_object_ref (self));
}

static void
set_start_label (MatouTroubleshootPage *self,
                 const char            *text)
{
  gtk_label_set_text (self->start_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->start_label), text != NULL);
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (widget);

  /* A start's outcome belongs to the checks it was shown with. */
  if (!self->starting)
    set_start_label (self, NULL);
  run_checks (self, FALSE);
}

/* The helper's steps and the daemon's lines while this page's start runs: where the user looks. */
static void
on_runner_event_cb (MatouTroubleshootPage *self,
                    MatouHelperEvent      *event)
{
  if (self->starting && event->type != MATOU_HELPER_EVENT_RESULT)
    set_start_label (self, event->text);
}

static void
start_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MatouTroubleshootPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) answer = NULL;
  GApplication *application = g_application_get_default ();

  answer = matou_helper_runner_run_finish (MATOU_HELPER_RUNNER (source), result, &error);
  self->starting = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "troubleshoot.fix", TRUE);

  if (answer == NULL)
    set_start_label (self, error->message);
  else if (!answer->ok)
    set_start_label (self, answer->error);
  else
    set_start_label (self, _("Docker started. The checks run again."));

  /* Overview and Settings follow the daemon too. */
  if (MATOU_IS_APPLICATION (application))
    matou_daemon_refresh_engine (matou_application_get_daemon (MATOU_APPLICATION (application)));
  /* What changed: the checks again, unless the start was never made. */
  if (answer != NULL)
    run_checks (self, FALSE);
}

/* The same start as Overview's: `matou-helper service start` through the runner. */
static void
start_docker (MatouTroubleshootPage *self)
{
  GApplication *application = g_application_get_default ();
  g_autofree char *verb = NULL;

  if (self->runner == NULL || self->starting)
    return;

  self->starting = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "troubleshoot.fix", FALSE);
  set_start_label (self, _("Starting Docker…"));
  /* The user's rootless daemon starts as the user, without pkexec. */
  verb = MATOU_IS_APPLICATION (application)
         ? matou_daemon_dup_helper_verb (matou_application_get_daemon (MATOU_APPLICATION (application)),
                                         MATOU_HELPER_VERB_SERVICE_START)
         : g_strdup (MATOU_HELPER_VERB_SERVICE_START);
  matou_helper_runner_run_async (self->runner, verb, NULL,
                                 _("Start Docker"), _("Docker started"),
                                 NULL, start_cb, g_object_ref (self));
}

/**
 * matou_troubleshoot_page_set_runner:
 *
 * The application's runner of helper runs, through which the "Start
 * Docker" fix starts the daemon, as Overview's button does.
 */
void
matou_troubleshoot_page_set_runner (MatouTroubleshootPage *self,
                                    MatouHelperRunner     *runner)
{
  g_return_if_fail (MATOU_IS_TROUBLESHOOT_PAGE (self));
  g_return_if_fail (MATOU_IS_HELPER_RUNNER (runner));
  g_return_if_fail (self->runner == NULL);

  self->runner = g_object_ref (runner);
  g_signal_connect_object (runner, "event", G_CALLBACK (on_runner_event_cb), self, G_CONNECT_SWAPPED);
}

static void
copy_text (MatouTroubleshootPage *self,
           const char            *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
copy_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (widget);
  g_autofree char *report = matou_checks_to_report (self->checks, NULL);

  copy_text (self, report);
  gtk_label_set_text (self->status_label, _("The report is on the clipboard. Passwords in addresses are hidden and your home folder is shown as “~”."));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
apply_fix (MatouTroubleshootPage *self,
           const MatouFix        *fix)
{
  g_autofree char *copied = NULL;

  switch (fix->kind)
    {
    case MATOU_FIX_SETTINGS:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-settings", "(ss)",
                                  fix->field, fix->value != NULL ? fix->value : "");
      break;
    case MATOU_FIX_INSTALL:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "install");
      break;
    case MATOU_FIX_COMMAND:
      copy_text (self, fix->command);
      copied = g_strdup_printf (_("Copied to the clipboard: %s"), fix->command);
      gtk_label_set_text (self->status_label, copied);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      break;
    case MATOU_FIX_START_DOCKER:
      start_docker (self);
      break;
    case MATOU_FIX_PULL_THROUGH:
      run_checks (self, TRUE);
      break;
    case MATOU_FIX_NONE:
    default:
      break;
    }
}

static void
fix_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < self->checks->len)
    apply_fix (self, &((MatouCheck *) g_ptr_array_index (self->checks, index))->fix);
}

static void
explain_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->error_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const MatouExplainRule *rule;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rule = self->knowledge != NULL ? matou_doctor_explain (self->knowledge, text) : NULL;

  matou_fix_clear (&self->explain_fix);
  if (rule != NULL)
    {
      gtk_label_set_text (self->explain_title, rule->title);
      gtk_label_set_text (self->explain_text, rule->explanation);
      matou_fix_copy_into (&self->explain_fix, &rule->fix);
    }
  else if (self->knowledge == NULL)
    {
      g_autofree char *explanation = NULL;

      /* TRANSLATORS: %s says why the file of known messages cannot be read. */
      explanation = g_strdup_printf (_("Matou’s list of known messages cannot be read (%s), so no message can be explained. Reinstall Matou to restore it; the checks above still work."),
                                     self->knowledge_error);
      gtk_label_set_text (self->explain_title, _("Cannot explain messages"));
      gtk_label_set_text (self->explain_text, explanation);
    }
  else
    {
      gtk_label_set_text (self->explain_title, _("Not recognised"));
      gtk_label_set_text (self->explain_text, _("Matou does not know this message. Run the checks above: they show which stage fails. To ask for help, copy the report and add the message."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->explain_title), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->explain_text), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->explain_fix_button), self->explain_fix.kind != MATOU_FIX_NONE);
  if (self->explain_fix.kind != MATOU_FIX_NONE)
    gtk_button_set_label (self->explain_fix_button, self->explain_fix.label);
}

static void
explain_fix_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (widget);

  apply_fix (self, &self->explain_fix);
}

static void
matou_troubleshoot_page_dispose (GObject *object)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->doctor != NULL)
    g_signal_handlers_disconnect_by_data (self->doctor, self);
  g_clear_object (&self->doctor);
  g_clear_object (&self->runner);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_TROUBLESHOOT_PAGE);

  G_OBJECT_CLASS (matou_troubleshoot_page_parent_class)->dispose (object);
}

static void
matou_troubleshoot_page_finalize (GObject *object)
{
  MatouTroubleshootPage *self = MATOU_TROUBLESHOOT_PAGE (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->knowledge, matou_doctor_knowledge_free);
  g_clear_pointer (&self->knowledge_error, g_free);
  matou_fix_clear (&self->explain_fix);

  G_OBJECT_CLASS (matou_troubleshoot_page_parent_class)->finalize (object);
}

static void
matou_troubleshoot_page_class_init (MatouTroubleshootPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_troubleshoot_page_dispose;
  object_class->finalize = matou_troubleshoot_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-troubleshoot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, image_row);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, progress);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, start_label);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, stages_box);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, error_view);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, explain_fix_button);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, explain_title);
  gtk_widget_class_bind_template_child (widget_class, MatouTroubleshootPage, explain_text);

  gtk_widget_class_install_action (widget_class, "troubleshoot.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "troubleshoot.copy-report", NULL, copy_report_activated);
  gtk_widget_class_install_action (widget_class, "troubleshoot.fix", "u", fix_activated);
  gtk_widget_class_install_action (widget_class, "troubleshoot.explain", NULL, explain_activated);
  gtk_widget_class_install_action (widget_class, "troubleshoot.explain-fix", NULL, explain_fix_activated);
}

static void
matou_troubleshoot_page_init (MatouTroubleshootPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_check_free);
  self->knowledge = matou_doctor_knowledge_load (&error);
  /* Shown on the page when the user asks for an explanation. */
  if (self->knowledge == NULL)
    self->knowledge_error = g_strdup (error->message);
  clear_stages (self);
  update_actions (self);
}
