/* The Overview page: what Docker is installed, and what the daemon reports. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-diagnosis.h"
#include "matou-docker-detect.h"
#include "matou-helper-runner.h"
#include "matou-overview-page.h"

struct _MatouOverviewPage
{
  AdwBin              parent_instance;

  MatouDaemon *daemon;          /* the application's model; its poller asks the Engine */
  MatouDockerInstall *install;
  GCancellable       *cancellable;     /* the detection in flight, if any */
  gboolean            redetect_pending;
  gboolean            waiting_for_frame; /* the first look waits for the first frame */

  GtkImage           *status_icon;
  GtkLabel           *status_title;
  GtkLabel           *status_explanation;
  GtkSpinner         *spinner;
  GtkLabel           *cli_label;
  GtkLabel           *dockerd_label;
  GtkLabel           *flavour_label;
  GtkLabel           *socket_label;
  AdwActionRow       *context_row;
  GtkMenuButton      *context_button;
  GSimpleAction      *context_action; /* overview.context: "" (the CLI's choice) or a context's name */
  char               *contexts_signature; /* the menu's items as last set */
  AdwPreferencesGroup *daemon_group;
  GtkLabel           *engine_version_label;
  GtkLabel           *api_version_label;
  GtkLabel           *containers_label;
  GtkLabel           *images_label;
  GtkLabel           *mirrors_label;
  GtkLabel           *proxy_label;
  GtkLabel           *warnings_label;
  AdwActionRow       *warnings_row;
  GtkSwitch           *proxy_switch;
  GtkLabel            *start_label;
  GtkButton           *start_button;

  MatouHelperRunner   *runner;          /* the application's one runner of helper runs */
  gboolean             starting;        /* a "service start" run of this page is going */
};

G_DEFINE_FINAL_TYPE (MatouOverviewPage, matou_overview_page, ADW_TYPE_BIN)

static void show_endpoint (MatouOverviewPage *self);


static char *
describe_program (const char *path,
                  const char *version)
{
  if (path == NULL)
    return g_strdup (_("Not installed"));
  if (version == NULL)
    /* TRANSLATORS: %s is a program's path; its version could not be read */
    return g_strdup_printf (_("%s (version unknown)"), path);

  /* TRANSLATORS: "20.10.24 — /usr/bin/docker" */
  return g_strdup_printf (_("%s — %s"), version, path);
}

static void
update_install (MatouOverviewPage *self)
{
  g_autofree char *cli = describe_program (self->install->cli_path, self->install->cli_version);
  g_autofree char *dockerd = describe_program (self->install->dockerd_path, self->install->dockerd_version);
  g_autofree char *flavours = matou_docker_flavours_describe (self->install->flavours);

  gtk_label_set_text (self->cli_label, cli);
  gtk_label_set_text (self->dockerd_label, dockerd);
  gtk_label_set_text (self->flavour_label, flavours != NULL ? flavours : _("No Docker package found"));
}

static void
set_status (MatouOverviewPage *self,
            const char        *icon_name,
            const char        *css_class,
            const char        *title,
            const char        *explanation)
{
  static const char *classes[] = { "success", "warning", "error" };

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css_class);
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_explanation, explanation);
}

static char *
join_or (char       **values,
         const char  *none)
{
  if (values == NULL || values[0] == NULL)
    return g_strdup (none);

  return g_strjoinv ("\n", values);
}

static char *
describe_proxy (const MatouEngineInfo *info)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (info->http_proxy != NULL && *info->http_proxy != '\0')
    g_string_append_printf (text, _("HTTP: %s"), info->http_proxy);
  if (info->https_proxy != NULL && *info->https_proxy != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("HTTPS: %s"), info->https_proxy);
    }
  if (text->len == 0)
    return g_strdup (_("None: the daemon connects directly"));
  if (info->no_proxy != NULL && *info->no_proxy != '\0')
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Not for: %s"), info->no_proxy);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The contexts to pick from: the docker CLI's own choice first, then each context of the store. */
static void
fill_contexts (MatouOverviewPage *self)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GPtrArray) contexts = matou_docker_endpoint_list_contexts ((const char * const *) envp);
  g_autoptr(MatouDockerEndpoint) cli_choice = matou_docker_endpoint_resolve ((const char * const *) envp, NULL, NULL);
  g_autofree char *choice = matou_daemon_dup_context_choice (self->daemon);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *chosen_label = NULL;
  gboolean found = *choice == '\0';

  if (cli_choice != NULL)
    /* TRANSLATORS: the first item of the list of docker contexts; %s is the context the docker command uses */
    first = g_strdup_printf (_("As the docker command chooses (now “%s”)"), cli_choice->context);
  else
    first = g_strdup (_("As the docker command chooses"));
  g_menu_append (menu, first, "overview.context::");
  chosen_label = g_strdup (first);

  for (guint i = 0; i < contexts->len; i++)
    {
      const MatouDockerEndpoint *context = g_ptr_array_index (contexts, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      /* TRANSLATORS: a docker context's name, then its Engine's address */
      label = g_strdup_printf (_("%s — %s"), context->context, context->host);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "overview.context", g_variant_new_string (context->context));
      g_menu_append_item (menu, item);
      g_string_append_printf (signature, "%s\n%s\n", label, context->context);
      if (g_str_equal (context->context, choice))
        {
          found = TRUE;
          g_free (chosen_label);
          chosen_label = g_steal_pointer (&label);
        }
    }

  /* A pick whose context has gone stays shown: Overview says why it cannot be used. */
  if (!found)
    {
      g_autoptr(GMenuItem) item = NULL;

      g_free (chosen_label);
      chosen_label = g_strdup_printf (_("%s — missing"), choice);
      item = g_menu_item_new (chosen_label, NULL);
      g_menu_item_set_action_and_target_value (item, "overview.context", g_variant_new_string (choice));
      g_menu_append_item (menu, item);
      g_string_append_printf (signature, "%s\n%s\n", chosen_label, choice);
    }

  /* The same list again (every return to the window looks): the menu stays.
   * Replacing it would close it while open, as the window's own focus comes
   * back when the menu opens (X11). */
  g_string_append (signature, first);
  if (self->contexts_signature == NULL || !g_str_equal (self->contexts_signature, signature->str))
    {
      gtk_menu_button_set_menu_model (self->context_button, G_MENU_MODEL (menu));
      g_free (self->contexts_signature);
      self->contexts_signature = g_string_free (g_steal_pointer (&signature), FALSE);
    }
  g_simple_action_set_state (self->context_action, g_variant_new_string (choice));
  adw_action_row_set_subtitle (self->context_row, chosen_label);
}

/* The user picked a context: the model follows GSettings, and the page follows the model. */
static void
context_change_state_cb (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  MatouOverviewPage *self = user_data;

  if (self->daemon == NULL)
    return;

  matou_daemon_set_context_choice (self->daemon, g_variant_get_string (value, NULL));
  fill_contexts (self);
}

static void
on_endpoint_changed_cb (MatouOverviewPage *self)
{
  show_endpoint (self);
  gtk_widget_set_visible (GTK_WIDGET (self->daemon_group), FALSE);
  gtk_spinner_start (self->spinner);
  gtk_label_set_text (self->status_title, _("Asking the Docker Engine…"));
  gtk_label_set_text (self->status_explanation, "");
}

/* Which Engine the page shows: the context and where it is. */
static void
show_endpoint (MatouOverviewPage *self)
{
  const MatouDockerEndpoint *endpoint = matou_daemon_get_endpoint (self->daemon);
  g_autofree char *text = NULL;

  if (endpoint == NULL)
    {
      gtk_label_set_text (self->socket_label, _("None: see the message above"));
      return;
    }

  if (matou_daemon_get_rootless (self->daemon))
    /* TRANSLATORS: an Engine's address, then the docker context it comes from */
    text = g_strdup_printf (_("%s (your rootless daemon, context “%s”)"), endpoint->host, endpoint->context);
  else
    /* TRANSLATORS: an Engine's address, then the docker context it comes from */
    text = g_strdup_printf (_("%s (context “%s”)"), endpoint->host, endpoint->context);
  gtk_label_set_text (self->socket_label, text);
}

static void
show_snapshot (MatouOverviewPage         *self,
               const MatouEngineSnapshot *snapshot)
{
  const MatouEngineInfo *info = snapshot->info;
  g_autofree char *containers = NULL;
  g_autofree char *images = NULL;
  g_autofree char *mirrors = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *explanation = NULL;

  explanation = g_strdup_printf (_("Docker Engine %s answers on %s."),
                                 snapshot->version->version,
                                 matou_daemon_get_socket_path (self->daemon) != NULL
                                 ? matou_daemon_get_socket_path (self->daemon)
                                 : matou_daemon_get_endpoint (self->daemon)->host);
  set_status (self, "emblem-ok-symbolic", "success", _("Docker is running"), explanation);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), FALSE);
  if (!self->starting)
    gtk_widget_set_visible (GTK_WIDGET (self->start_label), FALSE);

  gtk_label_set_text (self->engine_version_label, snapshot->version->version);
  gtk_label_set_text (self->api_version_label, snapshot->version->api_version);

  /* TRANSLATORS: the number of containers, then how many of them run */
  containers = g_strdup_printf (_("%lld (%lld running)"),
                                (long long) info->containers, (long long) info->containers_running);
  gtk_label_set_text (self->containers_label, containers);
  images = g_strdup_printf ("%lld", (long long) info->images);
  gtk_label_set_text (self->images_label, images);

  mirrors = join_or (info->mirrors, _("None: images come straight from Docker Hub"));
  gtk_label_set_text (self->mirrors_label, mirrors);
  proxy = describe_proxy (info);
  gtk_label_set_text (self->proxy_label, proxy);

  warnings = join_or (info->warnings, "");
  gtk_label_set_text (self->warnings_label, warnings);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), *warnings != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->daemon_group), TRUE);
}

static void
show_problem (MatouOverviewPage *self,
              const GError      *error)
{
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  MatouProblem problem;

  const MatouDockerEndpoint *endpoint = matou_daemon_get_endpoint (self->daemon);

  if (endpoint != NULL && !matou_docker_endpoint_is_local (endpoint))
    problem = matou_diagnose_remote (error, endpoint, &title, &explanation);
  else
    problem = matou_diagnose (error,
                              matou_daemon_get_socket_path (self->daemon),
                              self->install, &title, &explanation);

  switch (problem)
    {
    case MATOU_PROBLEM_NOT_INSTALLED:
    case MATOU_PROBLEM_CLI_ONLY:
      set_status (self, "software-update-available-symbolic", "warning", title, explanation);
      break;

    case MATOU_PROBLEM_NOT_IN_GROUP:
    case MATOU_PROBLEM_LOG_IN_AGAIN:
    case MATOU_PROBLEM_PERMISSION_DENIED:
      set_status (self, "system-lock-screen-symbolic", "warning", title, explanation);
      break;

    case MATOU_PROBLEM_NONE:
    case MATOU_PROBLEM_NOT_RUNNING:
    case MATOU_PROBLEM_UNSUPPORTED_HOST:
    case MATOU_PROBLEM_OTHER:
    default:
      set_status (self, "dialog-error-symbolic", "error", title, explanation);
      break;
    }

  /* A stopped daemon is started from here, through the helper; Docker Desktop and rootless
   * Docker have daemons of their own, which the helper does not manage. */
  gtk_widget_set_visible (GTK_WIDGET (self->start_button),
                          problem == MATOU_PROBLEM_NOT_RUNNING && self->install->dockerd_path != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->daemon_group), FALSE);
}

static void
set_start_label (MatouOverviewPage *self,
                 const char        *text)
{
  gtk_label_set_text (self->start_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->start_label), text != NULL);
}

/* The helper's steps, while this page's start runs: where the user looks. */
static void
on_runner_event_cb (MatouOverviewPage *self,
                    MatouHelperEvent  *event)
{
  if (self->starting && event->type == MATOU_HELPER_EVENT_STEP)
    set_start_label (self, event->text);
}

static void
start_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MatouOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) answer = NULL;

  answer = matou_helper_runner_run_finish (MATOU_HELPER_RUNNER (source), result, &error);
  self->starting = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), TRUE);

  if (answer == NULL)
    set_start_label (self, error->message);
  else if (!answer->ok)
    set_start_label (self, answer->error);
  else
    set_start_label (self, NULL);

  if (self->daemon != NULL)
    matou_daemon_refresh_engine (self->daemon);
}

static void
on_start_clicked_cb (MatouOverviewPage *self)
{
  g_autofree char *verb = NULL;

  if (self->runner == NULL || self->starting)
    return;

  self->starting = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
  set_start_label (self, _("Starting Docker…"));
  /* The user's rootless daemon starts as the user, without pkexec. */
  verb = self->daemon != NULL ? matou_daemon_dup_helper_verb (self->daemon, MATOU_HELPER_VERB_SERVICE_START)
                              : g_strdup (MATOU_HELPER_VERB_SERVICE_START);
  matou_helper_runner_run_async (self->runner, verb, NULL,
                                 _("Start Docker"), _("Docker started"),
                                 NULL, start_cb, g_object_ref (self));
}

/**
 * matou_overview_page_set_runner:
 *
 * The application's runner of helper runs, through which "Start Docker"
 * runs `matou-helper service start`.
 */
void
matou_overview_page_set_runner (MatouOverviewPage *self,
                                MatouHelperRunner *runner)
{
  g_return_if_fail (MATOU_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (self->runner == NULL);

  self->runner = g_object_ref (runner);
  g_signal_connect_object (runner, "event", G_CALLBACK (on_runner_event_cb), self, G_CONNECT_SWAPPED);
}

/* Each look of the model's poller at the Engine. */
static void
on_engine_changed_cb (MatouOverviewPage *self)
{
  const GError *error = matou_daemon_get_engine_error (self->daemon);
  MatouEngineSnapshot *snapshot = matou_daemon_get_snapshot (self->daemon);

  /* Until detection has said what is installed, the explanation would guess. */
  if (self->install == NULL)
    return;

  gtk_spinner_stop (self->spinner);
  if (error == NULL && snapshot != NULL)
    show_snapshot (self, snapshot);
  else if (error != NULL)
    show_problem (self, error);
}

static void
detect_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MatouOverviewPage) self = user_data;
  g_autoptr(MatouDockerInstall) install = NULL;
  g_autoptr(GError) error = NULL;

  install = matou_docker_detect_finish (result, &error);
  if (install == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Where the user looks, in words, with what to do next. */
          gtk_label_set_text (self->status_title, _("Matou could not look for Docker"));
          gtk_label_set_text (self->status_explanation, error->message);
        }
      g_clear_object (&self->cancellable);
      return;
    }

  g_clear_object (&self->cancellable);
  matou_docker_install_free (self->install);
  self->install = g_steal_pointer (&install);
  update_install (self);
  matou_daemon_refresh_engine (self->daemon);
}

/**
 * matou_overview_page_refresh:
 * @redetect: also look again at what is installed, which runs two programs
 *
 * Asks the daemon again. A refresh already in flight is left to finish.
 */
void
matou_overview_page_refresh (MatouOverviewPage *self,
                             gboolean           redetect)
{
  g_return_if_fail (MATOU_IS_OVERVIEW_PAGE (self));

  if (self->daemon == NULL)
    return;

  if (self->cancellable != NULL)
    {
      self->redetect_pending |= redetect;
      return;
    }

  redetect |= self->redetect_pending || self->install == NULL;
  self->redetect_pending = FALSE;
  gtk_spinner_start (self->spinner);

  if (redetect)
    {
      /* Contexts come and go with `docker context create` and `rm`. */
      fill_contexts (self);
      self->cancellable = g_cancellable_new ();
      matou_docker_detect_async (self->cancellable, detect_cb, g_object_ref (self));
    }
  else
    matou_daemon_refresh_engine (self->daemon);
}

/* The first look at the machine starts once the first frame is on screen:
 * its programs (dpkg-query, docker and dockerd --version) would compete
 * with that frame for the processor. */
static void
on_first_frame_cb (GdkFrameClock     *clock,
                   MatouOverviewPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  self->waiting_for_frame = FALSE;
  if (self->daemon != NULL && self->install == NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    matou_overview_page_refresh (self, TRUE);
}

static void
matou_overview_page_map (GtkWidget *widget)
{
  MatouOverviewPage *self = MATOU_OVERVIEW_PAGE (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (matou_overview_page_parent_class)->map (widget);

  if (self->daemon == NULL)
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (self->install == NULL && !self->waiting_for_frame && clock != NULL)
    {
      self->waiting_for_frame = TRUE;
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame_cb), self, 0);
    }
  else if (self->install == NULL)
    matou_overview_page_refresh (self, TRUE);
  matou_daemon_watch_engine (self->daemon, TRUE);
}

static void
matou_overview_page_unmap (GtkWidget *widget)
{
  MatouOverviewPage *self = MATOU_OVERVIEW_PAGE (widget);

  /* Nobody is looking: the model stops asking once no page watches. */
  if (self->daemon != NULL)
    matou_daemon_watch_engine (self->daemon, FALSE);

  GTK_WIDGET_CLASS (matou_overview_page_parent_class)->unmap (widget);
}

/* The switch follows the action's state, but its accessible state can lag behind a state
 * that changes while a run holds the action: say it to screen readers from the model. */
static void
on_proxy_on_cb (MatouOverviewPage *self)
{
  gboolean on = matou_daemon_get_proxy (self->daemon, NULL, NULL, NULL);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->proxy_switch), GTK_ACCESSIBLE_STATE_CHECKED, on, -1);
}

/**
 * matou_overview_page_set_daemon:
 *
 * The application's daemon model: the page shows what its one Engine
 * poller sees.
 */
void
matou_overview_page_set_daemon (MatouOverviewPage   *self,
                                MatouDaemon *daemon)
{
  g_return_if_fail (MATOU_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (self->daemon == NULL);

  self->daemon = g_object_ref (daemon);
  show_endpoint (self);
  fill_contexts (self);
  g_signal_connect_object (daemon, "endpoint-changed", G_CALLBACK (on_endpoint_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (daemon, "engine-changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (daemon, "notify::proxy-on", G_CALLBACK (on_proxy_on_cb), self, G_CONNECT_SWAPPED);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      matou_overview_page_refresh (self, TRUE);
      matou_daemon_watch_engine (self->daemon, TRUE);
    }
}

static void
matou_overview_page_dispose (GObject *object)
{
  MatouOverviewPage *self = MATOU_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->daemon);
  g_clear_object (&self->runner);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (matou_overview_page_parent_class)->dispose (object);
}

static void
matou_overview_page_finalize (GObject *object)
{
  MatouOverviewPage *self = MATOU_OVERVIEW_PAGE (object);

  matou_docker_install_free (self->install);
  g_clear_object (&self->context_action);
  g_clear_pointer (&self->contexts_signature, g_free);

  G_OBJECT_CLASS (matou_overview_page_parent_class)->finalize (object);
}

static void
matou_overview_page_class_init (MatouOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_overview_page_dispose;
  object_class->finalize = matou_overview_page_finalize;
  widget_class->map = matou_overview_page_map;
  widget_class->unmap = matou_overview_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, proxy_switch);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, status_title);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, status_explanation);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, cli_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, dockerd_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, flavour_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, socket_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, context_row);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, context_button);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, daemon_group);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, engine_version_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, api_version_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, containers_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, images_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, mirrors_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, proxy_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, warnings_row);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, start_label);
  gtk_widget_class_bind_template_child (widget_class, MatouOverviewPage, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked_cb);
}

static void
matou_overview_page_init (MatouOverviewPage *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->context_action = g_simple_action_new_stateful ("context", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
  g_signal_connect_object (self->context_action, "change-state", G_CALLBACK (context_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->context_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "overview", G_ACTION_GROUP (group));
}
