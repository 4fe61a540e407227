/* The Install page: the detected system, three ways to install Docker Engine, the plan's steps, and one helper run that carries them out.
 * This file holds the system and the ways to install; the parts are in matou-install-page-*.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-docker-host.h"
#include "matou-install-page-private.h"

G_DEFINE_FINAL_TYPE (MatouInstallPage, matou_install_page, ADW_TYPE_BIN)

/* --- actions: enabled state in one place ------------------------------------ */

void
_matou_install_page_update_actions (MatouInstallPage *self)
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
      _matou_install_page_show_result (self, "dialog-error-symbolic", "error",
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
  _matou_install_page_fill_mirror_list (self, (const char * const *) order, NULL);
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
      plan = _matou_install_page_build_plan (self, m, &error);
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
      _matou_install_page_clear_steps (self);
      _matou_install_page_update_actions (self);
      return;
    }

  show_methods (self);
  _matou_install_page_rebuild_plan (self);
}

void
_matou_install_page_start_detect (MatouInstallPage *self)
{
  g_auto(GStrv) packages = NULL;

  if (self->plans == NULL || self->running)
    return;

  g_cancellable_cancel (self->detect_cancellable);
  g_clear_object (&self->detect_cancellable);
  self->detect_cancellable = g_cancellable_new ();
  self->detecting = TRUE;
  _matou_install_page_update_actions (self);

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

  _matou_install_page_start_detect (self);
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
  _matou_install_page_rebuild_plan (self);
}

static void
on_compose_changed_cb (MatouInstallPage *self)
{
  if (self->updating)
    return;

  _matou_install_page_rebuild_plan (self);
}

/* --- the object ------------------------------------------------------------------------------ */

/* Coming to the page is when a user expects fresh facts: something may have been installed meanwhile. */
static void
matou_install_page_map (GtkWidget *widget)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);

  GTK_WIDGET_CLASS (matou_install_page_parent_class)->map (widget);

  if (self->system != NULL && !self->detecting)
    _matou_install_page_start_detect (self);
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
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, speed_offline_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallPage, speed_list);
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

  _matou_install_page_class_init_mirrors (widget_class);
  _matou_install_page_class_init_plan (widget_class);
  _matou_install_page_class_init_run (widget_class);
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
  _matou_install_page_update_actions (self);
  _matou_install_page_start_detect (self);
}
