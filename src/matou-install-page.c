/* The Install page: the detected system, three ways to install Docker Engine, the plan's steps, and one helper run that carries them out. */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "matou-application.h"
#include "matou-docker-host.h"
#include "matou-error.h"
#include "matou-helper-runner.h"
#include "matou-install-page.h"
#include "matou-install-plan.h"
#include "matou-install-request.h"
#include "matou-install-step-row.h"
#include "matou-log-view.h"
#include "matou-presets.h"
#include "matou-probe.h"

#define PROBE_TIMEOUT_SECONDS 10

struct _MatouInstallPage
{
  AdwBin               parent_instance;

  MatouInstallPlans   *plans;
  GPtrArray           *mirrors;          /* MatouPreset: the docker-ce mirrors, official one included */
  char               **mirror_order;     /* ids of the combo's rows, in order */
  GHashTable          *mirror_speeds;    /* id → what "Test speed" found, for the row */
  MatouInstallSystem  *system;
  MatouInstallMethod   method;
  gboolean             method_chosen;    /* by the user: kept across refreshes */
  MatouInstallPlan    *plan;
  GHashTable          *run_states;       /* step id → MatouInstallStepState the last run left */
  char                *socket;

  GCancellable        *detect_cancellable;
  GCancellable        *check_cancellable;
  GCancellable        *probe_cancellable;
  MatouHelperRunner   *runner;           /* the application's: one helper run at a time */
  gboolean             running;          /* our install run is in flight */
  MatouRun            *run;
  gboolean             detecting;
  gboolean             probing;
  gboolean             stopping;
  gboolean             updating;         /* the page itself sets widgets: ignore their signals */

  GtkSpinner          *detect_spinner;
  GtkLabel            *distro_label;
  GtkLabel            *arch_label;
  GtkLabel            *init_label;
  GtkLabel            *installed_label;
  GtkLabel            *repo_files_label;
  GtkLabel            *group_label;
  GtkWidget           *unsupported_box;
  GtkLabel            *unsupported_label;
  GtkLinkButton       *docs_button;
  AdwPreferencesGroup *method_group;
  AdwActionRow        *distro_row;
  AdwActionRow        *docker_row;
  AdwActionRow        *mirror_method_row;
  GtkCheckButton      *distro_check;
  GtkCheckButton      *docker_check;
  GtkCheckButton      *mirror_check;
  GtkSwitch           *compose_switch;
  AdwPreferencesGroup *mirror_group;
  AdwComboRow         *mirror_row;
  GtkLabel            *mirror_detail_label;
  GtkSpinner          *probe_spinner;
  AdwPreferencesGroup *steps_group;
  GtkLabel            *plan_error_label;
  GtkListBox          *steps_list;
  GtkWidget           *buttons_box;
  GtkWidget           *stop_button;
  GtkLabel            *copied_label;
  GtkLabel            *waiting_label;
  GtkProgressBar      *progress_bar;
  GtkWidget           *result_box;
  GtkImage            *result_icon;
  GtkLabel            *result_title;
  GtkLabel            *result_label;
  GtkLabel            *group_advice_label;
  MatouLogView        *log_view;
};

G_DEFINE_FINAL_TYPE (MatouInstallPage, matou_install_page, ADW_TYPE_BIN)

static void rebuild_plan (MatouInstallPage *self);
static void show_result  (MatouInstallPage *self,
                          const char       *icon,
                          const char       *css,
                          const char       *title,
                          const char       *text);
static void start_detect (MatouInstallPage *self);

/* --- actions: enabled state in one place ------------------------------------ */

static void
update_actions (MatouInstallPage *self)
{
  gboolean running = self->running;
  gboolean other_run = self->runner != NULL && matou_helper_runner_get_busy (self->runner) && !running;
  g_autofree char *reason = other_run ? matou_helper_runner_dup_busy_reason (self->runner) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "install.run",
                                 self->plan != NULL && !running && !other_run && !self->detecting &&
                                 self->runner != NULL);
  /* Another page's run (an apply, the proxy switch) holds the helper: say so where the button is. */
  gtk_label_set_text (self->waiting_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), reason != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "install.stop", running && !self->stopping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "install.copy-script", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "install.test-speed",
                                 !self->probing && self->mirror_order != NULL && self->mirror_order[0] != NULL);

  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_group), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mirror_row), !running);
  if (self->probing)
    gtk_spinner_start (self->probe_spinner);
  else
    gtk_spinner_stop (self->probe_spinner);
  if (self->detecting)
    gtk_spinner_start (self->detect_spinner);
  else
    gtk_spinner_stop (self->detect_spinner);
}

/* --- mirrors -------------------------------------------------------------------- */

static const MatouPreset *
find_mirror (MatouInstallPage *self,
             const char       *id)
{
  return self->mirrors != NULL && id != NULL ? matou_presets_find (self->mirrors, id) : NULL;
}

static const char *
selected_mirror_id (MatouInstallPage *self)
{
  guint selected = adw_combo_row_get_selected (self->mirror_row);

  if (self->mirror_order == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length (self->mirror_order))
    return NULL;

  return self->mirror_order[selected];
}

static void
show_mirror_detail (MatouInstallPage *self)
{
  const MatouPreset *preset = find_mirror (self, selected_mirror_id (self));
  g_autofree char *text = NULL;

  if (preset == NULL)
    {
      gtk_label_set_text (self->mirror_detail_label, "");
      return;
    }

  text = g_strdup_printf ("%s\n%s", preset->url, preset->note);
  gtk_label_set_text (self->mirror_detail_label, text);
}

/* The combo's rows: names, and what the speed test found, in @order. */
static void
fill_mirror_list (MatouInstallPage   *self,
                  const char * const *order,
                  const char         *select)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = 0;

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      const MatouPreset *preset = find_mirror (self, order[i]);
      const char *speed = g_hash_table_lookup (self->mirror_speeds, order[i]);
      g_autofree char *label = NULL;

      if (speed != NULL)
        /* TRANSLATORS: a mirror and its speed test, e.g. "Tsinghua University (TUNA) — 85 ms" */
        label = g_strdup_printf (_("%s — %s"), preset->name, speed);
      else
        label = g_strdup (preset->name);
      gtk_string_list_append (names, label);
      if (g_strcmp0 (order[i], select) == 0)
        position = i;
    }

  if ((const char * const *) self->mirror_order != order)
    {
      g_strfreev (self->mirror_order);
      self->mirror_order = g_strdupv ((char **) order);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->mirror_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->mirror_row, position);
  self->updating = FALSE;
  show_mirror_detail (self);
}

static void
load_data (MatouInstallPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) order = NULL;
  const char *official;

  self->plans = matou_install_plans_load (MATOU_INSTALL_PLANS_NAME, &error);
  if (self->plans != NULL)
    self->mirrors = matou_presets_load (MATOU_PRESETS_DOCKER_CE_MIRRORS, &error);
  if (self->plans == NULL || self->mirrors == NULL)
    {
      /* Matou's own data is missing or broken: say so on the page, not in a terminal nobody sees. */
      show_result (self, "dialog-error-symbolic", "error",
                   _("Matou’s installation plans cannot be read"),
                   error->message);
      return;
    }

  /* The mirror method lists mirrors; Docker's own repository is the other method. */
  official = matou_install_plans_get_official_mirror (self->plans);
  for (guint i = 0; i < self->mirrors->len; i++)
    {
      const MatouPreset *preset = g_ptr_array_index (self->mirrors, i);

      if (!preset->is_template && g_strcmp0 (preset->id, official) != 0)
        g_strv_builder_add (ids, preset->id);
    }
  order = g_strv_builder_end (ids);
  fill_mirror_list (self, (const char * const *) order, NULL);
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = matou_probe_many_finish (result, &error);
  g_auto(GStrv) ranked = NULL;
  g_autofree char *keep = NULL;
  gboolean any_ok = FALSE;

  if (results == NULL)
    return;

  self->probing = FALSE;
  for (guint i = 0; self->mirror_order[i] != NULL && i < results->len; i++)
    {
      const MatouProbeResult *probe = g_ptr_array_index (results, i);

      g_hash_table_insert (self->mirror_speeds, g_strdup (self->mirror_order[i]),
                           probe->verdict == MATOU_PROBE_OK ?
                           matou_probe_format_seconds (probe->seconds) :
                           g_strdup (matou_probe_verdict_get_label (probe->verdict)));
    }

  ranked = matou_install_rank_mirrors ((const char * const *) self->mirror_order, results);
  /* The fastest that answered is chosen; when none did, the user's choice stays. */
  for (guint i = 0; i < results->len; i++)
    any_ok |= ((const MatouProbeResult *) g_ptr_array_index (results, i))->verdict == MATOU_PROBE_OK;
  keep = g_strdup (any_ok ? ranked[0] : selected_mirror_id (self));
  fill_mirror_list (self, (const char * const *) ranked, keep);
  update_actions (self);
  rebuild_plan (self);
}

static void
test_speed_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  const char *distro = self->plan != NULL ? self->plan->distro : NULL;

  for (guint i = 0; self->mirror_order[i] != NULL; i++)
    g_ptr_array_add (urls, matou_preset_docker_ce_test_url (find_mirror (self, self->mirror_order[i]), distro));
  g_ptr_array_add (urls, NULL);

  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  self->probing = TRUE;
  update_actions (self);

  /* Every mirror at once, in the background: the page stays usable. */
  matou_probe_many_async ((const char * const *) urls->pdata, MATOU_PROBE_DOWNLOAD, NULL, PROBE_TIMEOUT_SECONDS,
                          self->probe_cancellable, probe_cb, g_object_ref (self));
}

/* --- the system ----------------------------------------------------------------- */

static void
show_system (MatouInstallPage *self)
{
  MatouInstallSystem *system = self->system;
  g_autofree char *distro = matou_install_system_describe (system);
  g_autofree char *flavours = matou_docker_flavours_describe (system->flavours);
  g_autoptr(GString) files = g_string_new (NULL);
  const char *init;
  const char *group;

  gtk_label_set_text (self->distro_label, distro);
  gtk_label_set_text (self->arch_label, system->architecture != NULL ? system->architecture : _("Unknown"));

  if (system->systemd && system->wsl)
    init = _("Managed by systemd, in WSL");
  else if (system->systemd)
    init = _("Managed by systemd");
  else if (system->wsl)
    init = _("WSL without systemd: Docker is started with “service docker start”");
  else
    init = _("No systemd: Docker is started with “service docker start”");
  gtk_label_set_text (self->init_label, init);

  gtk_label_set_text (self->installed_label, flavours != NULL ? flavours : _("None"));

  if (system->has_docker_sources)
    g_string_append (files, "/etc/apt/sources.list.d/docker.sources");
  if (system->has_docker_list)
    g_string_append_printf (files, "%s%s", files->len > 0 ? "\n" : "", "/etc/apt/sources.list.d/docker.list");
  gtk_label_set_text (self->repo_files_label, files->len > 0 ? files->str : _("None"));

  switch (system->group_state)
    {
    case MATOU_GROUP_NO_GROUP:
      group = _("Does not exist yet: Docker’s packages create it");
      break;
    case MATOU_GROUP_NOT_MEMBER:
      group = system->user != NULL ? _("You are not a member yet") : _("Not needed: you are root");
      break;
    case MATOU_GROUP_MEMBER_INACTIVE:
      group = _("You are a member, but this session started before: log out and back in");
      break;
    case MATOU_GROUP_ACTIVE:
    default:
      group = _("You are a member, and this session has it");
      break;
    }
  gtk_label_set_text (self->group_label, group);
}

static void
show_supported (MatouInstallPage *self,
                gboolean          supported)
{
  gtk_widget_set_visible (self->unsupported_box, !supported);
  gtk_widget_set_visible (GTK_WIDGET (self->method_group), supported);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_group), supported);
  gtk_widget_set_visible (self->buttons_box, supported);
  if (!supported)
    gtk_widget_set_visible (GTK_WIDGET (self->mirror_group), FALSE);
}

static GtkCheckButton *
method_check (MatouInstallPage   *self,
              MatouInstallMethod  method)
{
  switch (method)
    {
    case MATOU_INSTALL_METHOD_DOCKER:
      return self->docker_check;
    case MATOU_INSTALL_METHOD_MIRROR:
      return self->mirror_check;
    case MATOU_INSTALL_METHOD_DISTRO:
    default:
      return self->distro_check;
    }
}

static AdwActionRow *
method_row (MatouInstallPage   *self,
            MatouInstallMethod  method)
{
  switch (method)
    {
    case MATOU_INSTALL_METHOD_DOCKER:
      return self->docker_row;
    case MATOU_INSTALL_METHOD_MIRROR:
      return self->mirror_method_row;
    case MATOU_INSTALL_METHOD_DISTRO:
    default:
      return self->distro_row;
    }
}

static MatouInstallPlan *
build_plan (MatouInstallPage    *self,
            MatouInstallMethod   method,
            GError             **error)
{
  MatouInstallOptions options = { .compose = gtk_switch_get_active (self->compose_switch) };
  const char *mirror_id = NULL;
  const MatouPreset *preset;

  if (method == MATOU_INSTALL_METHOD_DOCKER)
    mirror_id = matou_install_plans_get_official_mirror (self->plans);
  else if (method == MATOU_INSTALL_METHOD_MIRROR)
    mirror_id = selected_mirror_id (self);
  preset = find_mirror (self, mirror_id);

  return matou_install_plan_build (self->plans, self->system, method, mirror_id,
                                   preset != NULL ? preset->url : NULL, &options,
                                   &matou_install_default_paths, "/var/lib/matou/backups", error);
}

/* Each way with its sentence, or why it is not available here. */
static void
show_methods (MatouInstallPage *self)
{
  gboolean chosen_available = FALSE;
  int first_available = -1;

  for (guint m = 0; m < MATOU_INSTALL_N_METHODS; m++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouInstallPlan) plan = NULL;
      g_autofree char *title = matou_install_plans_dup_method_title (self->plans, m);
      g_autofree char *when = matou_install_plans_dup_method_when (self->plans, m);
      AdwActionRow *row = method_row (self, m);

      /* A mirror's availability does not depend on which mirror. */
      plan = build_plan (self, m, &error);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, plan != NULL ? when : error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (row), plan != NULL);
      if (plan != NULL && first_available < 0)
        first_available = m;
      if (plan != NULL && m == self->method)
        chosen_available = TRUE;
    }

  if (!(self->method_chosen && chosen_available) && first_available >= 0)
    self->method = first_available;

  self->updating = TRUE;
  gtk_check_button_set_active (method_check (self, self->method), TRUE);
  self->updating = FALSE;
}

/* --- the plan's steps --------------------------------------------------------------- */

typedef struct {
  MatouInstallPlan         *plan;
  char                     *socket;
  char                     *user;
} CheckData;

static void
check_data_free (CheckData *data)
{
  matou_install_plan_free (data->plan);
  g_free (data->socket);
  g_free (data->user);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  MatouInstallCheckContext context = { .socket = data->socket, .user = data->user };
  GArray *done = g_array_new (FALSE, TRUE, sizeof (gboolean));

  for (guint i = 0; i < data->plan->steps->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      gboolean is_done = matou_install_step_is_done (data->plan, g_ptr_array_index (data->plan->steps, i),
                                                     &context, cancellable);

      g_array_append_val (done, is_done);
    }

  g_task_return_pointer (task, done, (GDestroyNotify) g_array_unref);
}

static MatouInstallStepRow *
find_row (MatouInstallPage *self,
          const char       *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (MATOU_IS_INSTALL_STEP_ROW (child) &&
        g_strcmp0 (matou_install_step_row_get_step_id (MATOU_INSTALL_STEP_ROW (child)), id) == 0)
      return MATOU_INSTALL_STEP_ROW (child);

  return NULL;
}

static void
checks_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GArray) done = g_task_propagate_pointer (G_TASK (result), NULL);

  if (done == NULL || g_task_had_error (G_TASK (result)) || self->plan == NULL ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  for (guint i = 0; i < done->len && i < self->plan->steps->len; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (self->plan->steps, i);
      MatouInstallStepRow *row = find_row (self, step->id);
      gpointer left;

      if (row == NULL)
        continue;
      if (g_hash_table_lookup_extended (self->run_states, step->id, NULL, &left) &&
          (GPOINTER_TO_INT (left) == MATOU_INSTALL_STEP_STATE_DONE) == g_array_index (done, gboolean, i))
        /* What the last run did or left: done by it, failed, taken back. */
        matou_install_step_row_set_state (row, GPOINTER_TO_INT (left));
      else if (g_array_index (done, gboolean, i))
        matou_install_step_row_set_state (row, MATOU_INSTALL_STEP_STATE_ALREADY_DONE);
      else
        matou_install_step_row_set_state (row, MATOU_INSTALL_STEP_STATE_WAITING);
    }
}

static void
start_checks (MatouInstallPage *self)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  /* The thread gets a plan of its own: the page may rebuild its plan meanwhile. */
  data = g_new0 (CheckData, 1);
  data->plan = build_plan (self, self->method, NULL);
  data->socket = g_strdup (self->socket);
  data->user = g_strdup (self->system->user);
  if (data->plan == NULL)
    {
      check_data_free (data);
      return;
    }

  task = g_task_new (NULL, self->check_cancellable, checks_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

static void
clear_steps (MatouInstallPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
}

static void
rebuild_plan (MatouInstallPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->system == NULL || self->plans == NULL || self->running)
    return;

  g_clear_pointer (&self->plan, matou_install_plan_free);
  clear_steps (self);
  gtk_widget_set_visible (GTK_WIDGET (self->mirror_group), self->method == MATOU_INSTALL_METHOD_MIRROR);
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), FALSE);

  self->plan = build_plan (self, self->method, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_error_label), self->plan == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_list), self->plan != NULL);
  if (self->plan == NULL)
    {
      gtk_label_set_text (self->plan_error_label, error->message);
      update_actions (self);
      return;
    }

  for (guint i = 0; i < self->plan->steps->len; i++)
    gtk_list_box_append (self->steps_list,
                         matou_install_step_row_new (i + 1, g_ptr_array_index (self->plan->steps, i)));

  update_actions (self);
  start_checks (self);
}

/* --- detection ------------------------------------------------------------------------- */

static void
detect_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallSystem) system = matou_install_system_detect_finish (result, &error);
  g_autofree char *distro = NULL;

  if (system == NULL)
    return;

  self->detecting = FALSE;
  g_clear_pointer (&self->system, matou_install_system_free);
  self->system = g_steal_pointer (&system);
  show_system (self);

  distro = matou_install_plans_match_distro (self->plans, self->system, &error);
  show_supported (self, distro != NULL);
  if (distro == NULL)
    {
      gtk_label_set_text (self->unsupported_label, error->message);
      gtk_link_button_set_uri (self->docs_button, matou_install_plans_get_docs_url (self->plans));
      g_clear_pointer (&self->plan, matou_install_plan_free);
      clear_steps (self);
      update_actions (self);
      return;
    }

  show_methods (self);
  rebuild_plan (self);
}

static void
start_detect (MatouInstallPage *self)
{
  g_auto(GStrv) packages = NULL;

  if (self->plans == NULL || self->running)
    return;

  g_cancellable_cancel (self->detect_cancellable);
  g_clear_object (&self->detect_cancellable);
  self->detect_cancellable = g_cancellable_new ();
  self->detecting = TRUE;
  update_actions (self);

  packages = matou_install_plans_dup_package_names (self->plans);
  matou_install_system_detect_async ((const char * const *) packages, self->detect_cancellable,
                                     detect_cb, g_object_ref (self));
}

/**
 * matou_install_page_refresh:
 *
 * Looks at the system again: what is installed, which steps are done.
 */
void
matou_install_page_refresh (MatouInstallPage *self)
{
  g_return_if_fail (MATOU_IS_INSTALL_PAGE (self));

  start_detect (self);
}

/* --- choices --------------------------------------------------------------------------- */

static void
on_method_toggled_cb (MatouInstallPage *self,
                      GtkCheckButton   *check)
{
  if (self->updating || !gtk_check_button_get_active (check))
    return;

  self->method = check == self->docker_check ? MATOU_INSTALL_METHOD_DOCKER :
                 check == self->mirror_check ? MATOU_INSTALL_METHOD_MIRROR : MATOU_INSTALL_METHOD_DISTRO;
  self->method_chosen = TRUE;
  g_hash_table_remove_all (self->run_states);
  rebuild_plan (self);
}

static void
on_compose_changed_cb (MatouInstallPage *self)
{
  if (self->updating)
    return;

  rebuild_plan (self);
}

static void
on_mirror_selected_cb (MatouInstallPage *self)
{
  if (self->updating)
    return;

  show_mirror_detail (self);
  rebuild_plan (self);
}

static void
copy_script_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);
  g_autofree char *method = matou_install_plans_dup_method_title (self->plans, self->method);
  g_autofree char *distro = matou_install_system_describe (self->system);
  /* TRANSLATORS: the first comment of the copied script: "Docker’s repository on Ubuntu 24.04.2 LTS" */
  g_autofree char *description = g_strdup_printf (_("%s on %s"), method, distro);
  g_autofree char *script = matou_install_plan_to_script (self->plan, description);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), script);
  gtk_label_set_text (self->copied_label,
                      _("The script is on the clipboard. Read it, or run it as root: it does what “Run All Steps” does."));
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), TRUE);
}

/* --- running ------------------------------------------------------------------------------ */

static void
show_result (MatouInstallPage *self,
             const char       *icon,
             const char       *css,
             const char       *title,
             const char       *text)
{
  static const char * const classes[] = { "success", "warning", "error" };

  gtk_image_set_from_icon_name (self->result_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), css);
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), text != NULL && *text != '\0');
  gtk_widget_set_visible (self->result_box, TRUE);
}

static void
on_event_cb (MatouHelperRunner *runner,
             MatouHelperEvent  *event,
             MatouInstallPage  *self)
{
  MatouInstallStepState state;
  MatouInstallStepRow *row;

  if (!self->running || event->type != MATOU_HELPER_EVENT_STEP)
    return;

  if (event->id == NULL || event->count <= 0 ||
      !matou_install_step_state_from_string (event->state != NULL ? event->state : "", &state))
    {
      /* What the helper does within a step: waiting for a lock, writing a file. */
      gtk_progress_bar_set_text (self->progress_bar, event->text);
      return;
    }

  row = find_row (self, event->id);
  if (row != NULL)
    matou_install_step_row_set_state (row, state);
  /* Taking back an earlier step is part of the failure: the bar stays where it failed. */
  if (state == MATOU_INSTALL_STEP_STATE_ROLLED_BACK)
    return;
  gtk_progress_bar_set_text (self->progress_bar, event->text);
  /* Step k of n: a running step is not done yet. */
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (double) (state == MATOU_INSTALL_STEP_STATE_RUNNING ? event->index - 1 : event->index) /
                                 event->count);
}

static char *
group_advice (const MatouHelperResult *result)
{
  if (result->group_user == NULL || !result->group_member)
    return NULL;
  if (matou_group_state_for_current_user () == MATOU_GROUP_ACTIVE)
    return g_strdup (_("You are in the docker group, and this session already has it: docker works without sudo."));

  return g_strdup_printf (_("%s is now in the docker group. A group change reaches programs started after the next login: log out and back in to use docker without sudo. To use it now in one terminal, run “newgrp docker” there."),
                          result->group_user);
}

static void
remember_states (MatouInstallPage        *self,
                 const MatouHelperResult *result)
{
  g_hash_table_remove_all (self->run_states);

  for (guint i = 0; i < result->steps->len; i++)
    {
      const MatouHelperStepResult *step = g_ptr_array_index (result->steps, i);
      MatouInstallStepState state;

      if (matou_install_step_state_from_string (step->state != NULL ? step->state : "", &state) &&
          (state == MATOU_INSTALL_STEP_STATE_DONE || state == MATOU_INSTALL_STEP_STATE_FAILED ||
           state == MATOU_INSTALL_STEP_STATE_ROLLED_BACK))
        g_hash_table_insert (self->run_states, g_strdup (step->id), GINT_TO_POINTER (state));
    }
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) answer = matou_helper_runner_run_finish (MATOU_HELPER_RUNNER (source), result, &error);
  g_autofree char *advice = NULL;

  self->running = FALSE;
  self->stopping = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->group_advice_label), FALSE);

  if (answer == NULL)
    {
      gboolean cancelled = g_error_matches (error, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED);

      show_result (self, cancelled ? "dialog-information-symbolic" : "dialog-error-symbolic",
                   cancelled ? "warning" : "error",
                   cancelled ? _("Nothing was installed") : _("The installation could not start"),
                   error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }
  else
    {
      const char *version = answer->engine_version;

      remember_states (self, answer);
      advice = group_advice (answer);
      if (answer->ok)
        {
          g_autofree char *title = version != NULL ?
                                   g_strdup_printf (_("Docker Engine %s is installed and running"), version) :
                                   g_strdup (_("Docker Engine is installed"));

          show_result (self, "emblem-ok-symbolic", "success", title, NULL);
          gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
        }
      else if (answer->status == MATOU_HELPER_EXIT_CANCELLED)
        {
          show_result (self, "dialog-information-symbolic", "warning", _("Stopped"), answer->error);
        }
      else
        {
          show_result (self, "dialog-error-symbolic", "error",
                       answer->status == MATOU_HELPER_EXIT_REFUSED ? _("Nothing was changed") :
                       _("The installation did not finish"),
                       answer->error);
        }

      if (advice != NULL)
        {
          gtk_label_set_text (self->group_advice_label, advice);
          gtk_widget_set_visible (GTK_WIDGET (self->group_advice_label), TRUE);
        }
    }

  g_clear_object (&self->run);
  update_actions (self);

  /* What is installed now, and which steps are done. */
  start_detect (self);
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);
  MatouInstallOptions options = { .compose = gtk_switch_get_active (self->compose_switch) };
  g_auto(GStrv) steps = matou_install_plan_dup_step_ids (self->plan);
  g_autoptr(MatouInstallRequest) request = NULL;
  g_autofree char *json = NULL;
  g_autofree char *method = matou_install_plans_dup_method_title (self->plans, self->method);
  /* TRANSLATORS: a run in the Logs page: "Install Docker Engine: Docker’s repository" */
  g_autofree char *title = g_strdup_printf (_("Install Docker Engine: %s"), method);

  request = matou_install_request_new (self->method,
                                       self->method == MATOU_INSTALL_METHOD_MIRROR ? selected_mirror_id (self) : NULL,
                                       &options, (const char * const *) steps);
  json = matou_install_request_to_json (request);

  if (self->runner == NULL)
    return;

  /* One helper run, one authorisation, for every step. No cancellable: stopping
   * is asked of the helper, which finishes the step it is on. */
  g_clear_object (&self->run);
  self->run = matou_helper_runner_run_async (self->runner, MATOU_HELPER_VERB_INSTALL, json, title,
                                             _("Docker Engine is installed"), NULL, run_cb, g_object_ref (self));
  if (self->run == NULL)
    return;  /* another run holds the helper: run_cb says why */
  g_object_ref (self->run);
  self->running = TRUE;
  matou_log_view_set_model (self->log_view, matou_run_get_lines (self->run));
  gtk_widget_set_visible (GTK_WIDGET (self->log_view), TRUE);

  g_hash_table_remove_all (self->run_states);
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Waiting for authorisation…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  update_actions (self);
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);

  if (!self->running)
    return;

  self->stopping = TRUE;
  matou_helper_runner_stop (self->runner);
  gtk_progress_bar_set_text (self->progress_bar, _("Stopping after the current step…"));
  update_actions (self);
}

static void
on_runner_busy_cb (MatouInstallPage *self)
{
  update_actions (self);
}

/**
 * matou_install_page_set_runner:
 *
 * The application's helper runner: the install run goes through it, one
 * run at a time with the Settings page's.
 */
void
matou_install_page_set_runner (MatouInstallPage  *self,
                               MatouHelperRunner *runner)
{
  g_return_if_fail (MATOU_IS_INSTALL_PAGE (self));
  g_return_if_fail (self->runner == NULL);

  self->runner = g_object_ref (runner);
  g_signal_connect_object (runner, "event", G_CALLBACK (on_event_cb), self, 0);
  g_signal_connect_object (runner, "notify::busy", G_CALLBACK (on_runner_busy_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* --- the object ------------------------------------------------------------------------------ */

/* Coming to the page is when a user expects fresh facts: something may have been installed meanwhile. */
static void
matou_install_page_map (GtkWidget *widget)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);

  GTK_WIDGET_CLASS (matou_install_page_parent_class)->map (widget);

  if (self->system != NULL && !self->detecting)
    start_detect (self);
}

static void
matou_install_page_dispose (GObject *object)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (object);

  g_cancellable_cancel (self->detect_cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_cancellable_cancel (self->probe_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_INSTALL_PAGE);

  G_OBJECT_CLASS (matou_install_page_parent_class)->dispose (object);
}

static void
matou_install_page_finalize (GObject *object)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (object);

  g_clear_object (&self->detect_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->runner);
  g_clear_object (&self->run);
  g_clear_pointer (&self->plans, matou_install_plans_free);
  g_clear_pointer (&self->mirrors, g_ptr_array_unref);
  g_clear_pointer (&self->mirror_speeds, g_hash_table_unref);
  g_clear_pointer (&self->run_states, g_hash_table_unref);
  g_clear_pointer (&self->system, matou_install_system_free);
  g_clear_pointer (&self->plan, matou_install_plan_free);
  g_strfreev (self->mirror_order);
  g_free (self->socket);

  G_OBJECT_CLASS (matou_install_page_parent_class)->finalize (object);
}

static void
matou_install_page_class_init (MatouInstallPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_install_page_dispose;
  object_class->finalize = matou_install_page_finalize;
  widget_class->map = matou_install_page_map;

  g_type_ensure (MATOU_TYPE_LOG_VIEW);
  g_type_ensure (MATOU_TYPE_INSTALL_STEP_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-install-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, detect_spinner);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, distro_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, arch_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, init_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, installed_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, repo_files_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, group_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, unsupported_box);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, unsupported_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, docs_button);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, method_group);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, distro_row);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, docker_row);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, mirror_method_row);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, distro_check);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, docker_check);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, mirror_check);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, compose_switch);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, mirror_group);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, mirror_row);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, mirror_detail_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, probe_spinner);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, steps_group);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, plan_error_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, copied_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, result_box);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, group_advice_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, log_view);
  gtk_widget_class_bind_template_callback (widget_class, on_method_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_compose_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mirror_selected_cb);

  gtk_widget_class_install_action (widget_class, "install.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "install.stop", NULL, stop_activated);
  gtk_widget_class_install_action (widget_class, "install.copy-script", NULL, copy_script_activated);
  gtk_widget_class_install_action (widget_class, "install.test-speed", NULL, test_speed_activated);
}

static void
matou_install_page_init (MatouInstallPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->mirror_speeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->run_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The daemon the user's docker command talks to answers the "is it running" check. */
  self->socket = matou_docker_host_resolve_socket (g_getenv ("DOCKER_HOST"), &error);
  if (self->socket == NULL)
    self->socket = g_strdup (MATOU_DEFAULT_DOCKER_SOCKET);

  load_data (self);
  update_actions (self);
  start_detect (self);
}
