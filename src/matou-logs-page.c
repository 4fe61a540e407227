/* The Logs page: this session's helper runs and, on request, the daemon's log (its journal, or its file without systemd). */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-application.h"
#include "matou-journal-follower.h"
#include "matou-log-view.h"
#include "matou-logs-page.h"

struct _MatouLogsPage
{
  AdwBin                parent_instance;

  MatouRunHistory      *history;
  MatouJournalFollower *follower;
  MatouRun             *shown_run;     /* the run whose lines are shown, or NULL for the daemon's */
  gboolean              follow_daemon;
  gboolean              selecting;     /* one list is being deselected for the other */

  AdwLeaflet           *leaflet;
  GtkListBox           *daemon_list;
  GtkListBoxRow        *daemon_row;
  GtkLabel             *daemon_status_label;
  AdwActionRow         *follow_row;
  GtkListBox           *runs_list;
  GtkStack             *header_stack;
  GtkWidget            *problem_box;
  GtkLabel             *problem_label;
  GtkWidget            *elevate_button;
  GtkImage             *run_icon;
  GtkLabel             *run_title;
  GtkLabel             *run_state;
  GtkLabel             *run_summary;
  MatouLogView         *log_view;
};

G_DEFINE_FINAL_TYPE (MatouLogsPage, matou_logs_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLLOW_DAEMON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- how a run looks ---------------------------------------------------------- */

static const char *
state_icon (MatouRunState state)
{
  switch (state)
    {
    case MATOU_RUN_RUNNING:
      return "content-loading-symbolic";
    case MATOU_RUN_SUCCEEDED:
      return "emblem-ok-symbolic";
    case MATOU_RUN_FAILED:
      return "dialog-error-symbolic";
    case MATOU_RUN_CANCELLED:
    default:
      return "process-stop-symbolic";
    }
}

static const char *
state_class (MatouRunState state)
{
  switch (state)
    {
    case MATOU_RUN_SUCCEEDED:
      return "success";
    case MATOU_RUN_FAILED:
      return "error";
    case MATOU_RUN_RUNNING:
    case MATOU_RUN_CANCELLED:
    default:
      return "dim-label";
    }
}

static const char *
state_text (MatouRunState state)
{
  switch (state)
    {
    case MATOU_RUN_RUNNING:
      return _("Running…");
    case MATOU_RUN_SUCCEEDED:
      return _("Succeeded");
    case MATOU_RUN_FAILED:
      return _("Failed");
    case MATOU_RUN_CANCELLED:
    default:
      return _("Cancelled");
    }
}

/* "14:02:31 · Succeeded" */
static char *
describe_run_state (MatouRun *run)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (matou_run_get_started (run) / G_USEC_PER_SEC);
  g_autofree char *time = g_date_time_format (started, "%H:%M:%S");

  /* TRANSLATORS: when a run started, then its state ("Running…", "Failed") */
  return g_strdup_printf (_("%s · %s"), time, state_text (matou_run_get_state (run)));
}

static void
style_state_icon (GtkImage      *image,
                  MatouRunState  state)
{
  static const char *classes[] = { "success", "error", "dim-label" };

  gtk_image_set_from_icon_name (image, state_icon (state));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (image), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (image), state_class (state));
}

/* The sidebar row of a run: its widgets follow the run's state. */
typedef struct {
  GtkImage *icon;
  GtkLabel *state;
  GtkLabel *summary;
} RunRow;

static void
update_run_row (GtkWidget *row,
                GParamSpec *pspec,
                MatouRun   *run)
{
  RunRow *widgets = g_object_get_data (G_OBJECT (row), "matou-run-row");
  g_autofree char *state = describe_run_state (run);
  const char *summary = matou_run_get_summary (run);

  style_state_icon (widgets->icon, matou_run_get_state (run));
  gtk_label_set_text (widgets->state, state);
  gtk_label_set_text (widgets->summary, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (widgets->summary), summary != NULL && *summary != '\0');
}

static GtkWidget *
create_run_row (gpointer item,
                gpointer user_data)
{
  MatouRun *run = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (matou_run_get_title (run));
  RunRow *widgets = g_new0 (RunRow, 1);

  widgets->icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  widgets->state = GTK_LABEL (gtk_label_new (NULL));
  widgets->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (widgets->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (widgets->icon), 2);

  for (GtkLabel **label = (GtkLabel *[]) { GTK_LABEL (title), widgets->state, widgets->summary, NULL };
       *label != NULL; label++)
    {
      gtk_label_set_xalign (*label, 0);
      gtk_label_set_ellipsize (*label, PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (texts), GTK_WIDGET (*label));
    }
  gtk_widget_add_css_class (GTK_WIDGET (widgets->state), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (widgets->state), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (widgets->summary), "caption");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (widgets->icon));
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "matou-run-row", widgets, g_free);
  g_object_set_data_full (G_OBJECT (row), "matou-run", g_object_ref (run), g_object_unref);
  g_signal_connect_object (run, "notify::state", G_CALLBACK (update_run_row), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "notify::summary", G_CALLBACK (update_run_row), row, G_CONNECT_SWAPPED);
  update_run_row (row, NULL, run);

  return row;
}

/* --- what the content side shows ---------------------------------------------- */

static void
update_run_header (MatouLogsPage *self)
{
  MatouRun *run = self->shown_run;
  g_autofree char *state = NULL;
  const char *summary;

  if (run == NULL)
    return;

  state = describe_run_state (run);
  summary = matou_run_get_summary (run);
  style_state_icon (self->run_icon, matou_run_get_state (run));
  gtk_label_set_text (self->run_title, matou_run_get_title (run));
  gtk_label_set_text (self->run_state, state);
  gtk_label_set_text (self->run_summary, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), summary != NULL && *summary != '\0');
}

/* With no lines and nothing followed, the empty log says how to get them. */
static void
update_empty_description (MatouLogsPage *self)
{
  gboolean running = matou_journal_follower_get_running (self->follower);

  matou_log_view_set_empty_description (self->log_view,
                                        self->shown_run == NULL && !running ?
                                        _("The daemon’s log is not followed. Turn on “Follow the Docker daemon’s log” above to see its lines here.") :
                                        NULL);
}

static void
show_run (MatouLogsPage *self,
          MatouRun      *run)
{
  if (self->shown_run != NULL)
    g_signal_handlers_disconnect_by_func (self->shown_run, update_run_header, self);
  g_set_object (&self->shown_run, run);

  if (run != NULL)
    {
      g_signal_connect_swapped (run, "notify::state", G_CALLBACK (update_run_header), self);
      g_signal_connect_swapped (run, "notify::summary", G_CALLBACK (update_run_header), self);
      update_run_header (self);
      gtk_stack_set_visible_child_name (self->header_stack, "run");
      matou_log_view_set_model (self->log_view, matou_run_get_lines (run));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->header_stack, "daemon");
      matou_log_view_set_model (self->log_view, matou_journal_follower_get_lines (self->follower));
    }
  update_empty_description (self);
}

static void
update_daemon (MatouLogsPage *self)
{
  const char *problem = matou_journal_follower_get_problem (self->follower);
  gboolean running = matou_journal_follower_get_running (self->follower);

  adw_action_row_set_subtitle (self->follow_row, matou_journal_follower_get_source (self->follower));
  update_empty_description (self);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (self->problem_box, problem != NULL);
  gtk_widget_set_visible (self->elevate_button, matou_journal_follower_get_can_elevate (self->follower));
  gtk_label_set_text (self->daemon_status_label,
                      running ? _("Following") : problem != NULL ? _("Not available") : _("Not followed"));

  /* journalctl gave up on its own: the switch says so. */
  if (!running && self->follow_daemon)
    {
      self->follow_daemon = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_DAEMON]);
    }
}

static void
set_follow_daemon (MatouLogsPage *self,
                   gboolean       follow)
{
  if (self->follow_daemon == follow)
    return;

  self->follow_daemon = follow;
  if (follow)
    matou_journal_follower_start (self->follower);
  else
    matou_journal_follower_stop (self->follower);
  /* A start that failed at once has already turned the switch back. */
  if (self->follow_daemon == follow)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_DAEMON]);
  update_daemon (self);
}

/* The log file is there, but this user may not read it: only this press asks for a password. */
static void
on_elevate_clicked_cb (MatouLogsPage *self)
{
  matou_journal_follower_start_as_administrator (self->follower);
  if (matou_journal_follower_get_running (self->follower) && !self->follow_daemon)
    {
      self->follow_daemon = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_DAEMON]);
    }
  update_daemon (self);
}

/* --- selection ----------------------------------------------------------------- */

static void
on_daemon_row_selected_cb (MatouLogsPage *self,
                           GtkListBoxRow *row)
{
  if (row == NULL || self->selecting)
    return;

  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->runs_list);
  self->selecting = FALSE;
  show_run (self, NULL);
}

static void
on_run_row_selected_cb (MatouLogsPage *self,
                        GtkListBoxRow *row)
{
  if (row == NULL || self->selecting)
    return;

  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->daemon_list);
  self->selecting = FALSE;
  show_run (self, g_object_get_data (G_OBJECT (row), "matou-run"));
}

/* Choosing a row on a narrow window goes to its lines. */
static void
on_row_activated_cb (MatouLogsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * matou_logs_page_select_run:
 * @run: a run of the application's history
 *
 * Shows @run's lines, for example when a page starts a run and sends the
 * user here to watch it.
 */
void
matou_logs_page_select_run (MatouLogsPage *self,
                            MatouRun      *run)
{
  guint n;

  g_return_if_fail (MATOU_IS_LOGS_PAGE (self));
  g_return_if_fail (MATOU_IS_RUN (run));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->history));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MatouRun) item = g_list_model_get_item (G_LIST_MODEL (self->history), i);

      if (item == run)
        {
          gtk_list_box_select_row (self->runs_list, gtk_list_box_get_row_at_index (self->runs_list, i));
          adw_leaflet_set_visible_child_name (self->leaflet, "content");
          return;
        }
    }
}

/* A run that starts is the one to watch. */
static void
on_history_changed_cb (MatouLogsPage *self,
                       guint          position,
                       guint          removed,
                       guint          added)
{
  g_autoptr(MatouRun) newest = NULL;

  if (position != 0 || added == 0)
    return;

  newest = g_list_model_get_item (G_LIST_MODEL (self->history), 0);
  matou_logs_page_select_run (self, newest);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MatouLogsPage *self = MATOU_LOGS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* --- the object ------------------------------------------------------------------ */

static void
matou_logs_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MatouLogsPage *self = MATOU_LOGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_DAEMON:
      g_value_set_boolean (value, self->follow_daemon);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_logs_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MatouLogsPage *self = MATOU_LOGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_DAEMON:
      set_follow_daemon (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_logs_page_dispose (GObject *object)
{
  MatouLogsPage *self = MATOU_LOGS_PAGE (object);

  if (self->follower != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->follower, update_daemon, self);
      matou_journal_follower_stop (self->follower);
    }
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, on_history_changed_cb, self);
  if (self->shown_run != NULL)
    g_signal_handlers_disconnect_by_func (self->shown_run, update_run_header, self);

  /* The bin's child has an id: unparent it once, here, not again in AdwBin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_LOGS_PAGE);

  g_clear_object (&self->shown_run);
  g_clear_object (&self->follower);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (matou_logs_page_parent_class)->dispose (object);
}

static void
matou_logs_page_class_init (MatouLogsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = matou_logs_page_get_property;
  object_class->set_property = matou_logs_page_set_property;
  object_class->dispose = matou_logs_page_dispose;

  /* Whether journalctl -u docker -f runs; turns itself off when it cannot. */
  properties[PROP_FOLLOW_DAEMON] =
    g_param_spec_boolean ("follow-daemon", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MATOU_TYPE_LOG_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-logs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, daemon_list);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, daemon_row);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, daemon_status_label);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, follow_row);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, runs_list);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, header_stack);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, elevate_button);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, run_icon);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, run_title);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, run_state);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, run_summary);
  gtk_widget_class_bind_template_child (widget_class, MatouLogsPage, log_view);
  gtk_widget_class_bind_template_callback (widget_class, on_daemon_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_run_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_elevate_clicked_cb);

  gtk_widget_class_install_property_action (widget_class, "logs.follow-daemon", "follow-daemon");
  gtk_widget_class_install_action (widget_class, "logs.back", NULL, back_activated);
}

static void
on_endpoint_changed_cb (MatouLogsPage *self,
                        MatouDaemon   *daemon)
{
  matou_journal_follower_set_rootless (self->follower, matou_daemon_get_rootless (daemon));
}

static void
matou_logs_page_init (MatouLogsPage *self)
{
  GApplication *application = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The history outlives windows; without the application (a test) it is empty. */
  if (MATOU_IS_APPLICATION (application))
    self->history = g_object_ref (matou_application_get_run_history (MATOU_APPLICATION (application)));
  else
    self->history = matou_run_history_new ();

  self->follower = matou_journal_follower_new ();
  g_signal_connect_swapped (self->follower, "notify::running", G_CALLBACK (update_daemon), self);
  g_signal_connect_swapped (self->follower, "notify::problem", G_CALLBACK (update_daemon), self);
  g_signal_connect_swapped (self->follower, "notify::source", G_CALLBACK (update_daemon), self);
  g_signal_connect_swapped (self->follower, "notify::can-elevate", G_CALLBACK (update_daemon), self);
  /* The user's own rootless daemon keeps its log where the user reads it. */
  if (MATOU_IS_APPLICATION (application))
    {
      MatouDaemon *daemon = matou_application_get_daemon (MATOU_APPLICATION (application));

      if (daemon != NULL)
        {
          g_signal_connect_object (daemon, "endpoint-changed", G_CALLBACK (on_endpoint_changed_cb), self, G_CONNECT_SWAPPED);
          on_endpoint_changed_cb (self, daemon);
        }
    }
  update_daemon (self);

  gtk_list_box_bind_model (self->runs_list, G_LIST_MODEL (self->history), create_run_row, NULL, NULL);
  g_signal_connect_swapped (self->history, "items-changed", G_CALLBACK (on_history_changed_cb), self);

  /* The newest run if there is one, else the daemon's log. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->history)) > 0)
    gtk_list_box_select_row (self->runs_list, gtk_list_box_get_row_at_index (self->runs_list, 0));
  else
    gtk_list_box_select_row (self->daemon_list, self->daemon_row);
  if (gtk_list_box_get_selected_row (self->runs_list) == NULL)
    show_run (self, NULL);
}
