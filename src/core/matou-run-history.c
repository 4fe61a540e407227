/* The session's helper runs (apply, rollback, install): their lines and results. */
#include "config.h"

#include "matou-run-history.h"

struct _MatouRun
{
  GObject        parent_instance;

  char          *title;
  MatouRunState  state;
  char          *summary;
  gint64         started;
  MatouLogModel *lines;
};

G_DEFINE_FINAL_TYPE (MatouRun, matou_run, G_TYPE_OBJECT)

enum {
  RUN_PROP_0,
  RUN_PROP_TITLE,
  RUN_PROP_STATE,
  RUN_PROP_SUMMARY,
  RUN_PROP_STARTED,
  N_RUN_PROPS
};

static GParamSpec *run_properties[N_RUN_PROPS];

static void
matou_run_finalize (GObject *object)
{
  MatouRun *self = MATOU_RUN (object);

  g_free (self->title);
  g_free (self->summary);
  g_clear_object (&self->lines);

  G_OBJECT_CLASS (matou_run_parent_class)->finalize (object);
}

static void
matou_run_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MatouRun *self = MATOU_RUN (object);

  switch (prop_id)
    {
    case RUN_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case RUN_PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case RUN_PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case RUN_PROP_STARTED:
      g_value_set_int64 (value, self->started);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_run_class_init (MatouRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = matou_run_finalize;
  object_class->get_property = matou_run_get_property;

  run_properties[RUN_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  run_properties[RUN_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, 0, MATOU_RUN_CANCELLED, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  run_properties[RUN_PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  run_properties[RUN_PROP_STARTED] =
    g_param_spec_int64 ("started", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_RUN_PROPS, run_properties);
}

static void
matou_run_init (MatouRun *self)
{
  self->lines = matou_log_model_new (MATOU_LOG_MODEL_DEFAULT_MAX_LINES);
  self->started = g_get_real_time ();
}

const char *
matou_run_get_title (MatouRun *self)
{
  return self->title;
}

MatouRunState
matou_run_get_state (MatouRun *self)
{
  return self->state;
}

const char *
matou_run_get_summary (MatouRun *self)
{
  return self->summary;
}

gint64
matou_run_get_started (MatouRun *self)
{
  return self->started;
}

MatouLogModel *
matou_run_get_lines (MatouRun *self)
{
  return self->lines;
}

void
matou_run_append (MatouRun      *self,
                  MatouLogLevel  level,
                  const char    *source,
                  const char    *text)
{
  g_return_if_fail (MATOU_IS_RUN (self));

  matou_log_model_append (self->lines, level, source, text);
}

void
matou_run_finish (MatouRun      *self,
                  MatouRunState  state,
                  const char    *summary)
{
  g_return_if_fail (MATOU_IS_RUN (self));

  matou_log_model_flush (self->lines);
  self->state = state;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), run_properties[RUN_PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), run_properties[RUN_PROP_SUMMARY]);
}

/* --- the history --------------------------------------------------------- */

struct _MatouRunHistory
{
  GObject     parent_instance;

  GListStore *runs;
};

static void matou_run_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MatouRunHistory, matou_run_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, matou_run_history_list_model_init))

static GType
matou_run_history_get_item_type (GListModel *list)
{
  return MATOU_TYPE_RUN;
}

static guint
matou_run_history_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (MATOU_RUN_HISTORY (list)->runs));
}

static gpointer
matou_run_history_get_item (GListModel *list,
                            guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (MATOU_RUN_HISTORY (list)->runs), position);
}

static void
matou_run_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = matou_run_history_get_item_type;
  iface->get_n_items = matou_run_history_get_n_items;
  iface->get_item = matou_run_history_get_item;
}

static void
on_runs_changed_cb (MatouRunHistory *self,
                    guint            position,
                    guint            removed,
                    guint            added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
matou_run_history_finalize (GObject *object)
{
  MatouRunHistory *self = MATOU_RUN_HISTORY (object);

  g_clear_object (&self->runs);

  G_OBJECT_CLASS (matou_run_history_parent_class)->finalize (object);
}

static void
matou_run_history_class_init (MatouRunHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = matou_run_history_finalize;
}

static void
matou_run_history_init (MatouRunHistory *self)
{
  self->runs = g_list_store_new (MATOU_TYPE_RUN);
  g_signal_connect_swapped (self->runs, "items-changed", G_CALLBACK (on_runs_changed_cb), self);
}

MatouRunHistory *
matou_run_history_new (void)
{
  return g_object_new (MATOU_TYPE_RUN_HISTORY, NULL);
}

/**
 * matou_run_history_begin:
 * @title: what the run does, for the Logs page ("Apply settings", …)
 *
 * Returns: (transfer none): the new run, first in the history
 */
MatouRun *
matou_run_history_begin (MatouRunHistory *self,
                         const char      *title)
{
  g_autoptr(MatouRun) run = g_object_new (MATOU_TYPE_RUN, NULL);

  g_return_val_if_fail (MATOU_IS_RUN_HISTORY (self), NULL);

  run->title = g_strdup (title);
  g_list_store_insert (self->runs, 0, run);

  return run;
}
