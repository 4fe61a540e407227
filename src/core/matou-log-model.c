/* A bounded list of log lines for GtkListView: the newest lines, appended in batches. */
#include "config.h"

#include <string.h>

#include "matou-log-model.h"

/* One items-changed per interval keeps a flood of lines from starving the window. */
#define BATCH_INTERVAL_MS 50

/* A line the model holds: plain memory, no object. A flood of lines would
 * otherwise cost a GObject made and finalized per line, and dropping the
 * ring's oldest lines would stall the window for tens of milliseconds. */
typedef struct
{
  char          *text;    /* masked; owned, until a MatouLogLine takes it over */
  char          *source;  /* an interned GRefString */
  MatouLogLine  *object;  /* made when a list first asks for the line, or NULL */
  gint64         time;
  MatouLogLevel  level;
} Record;

struct _MatouLogLine
{
  GObject        parent_instance;

  const char    *text;        /* the record's while the model holds it */
  char          *owned_text;  /* once the model has dropped the record */
  char          *source;
  MatouLogLevel  level;
  gint64         time;
};

G_DEFINE_FINAL_TYPE (MatouLogLine, matou_log_line, G_TYPE_OBJECT)

enum {
  LINE_PROP_0,
  LINE_PROP_SOURCE,
  LINE_PROP_TEXT,
  LINE_PROP_LEVEL,
  N_LINE_PROPS
};

static GParamSpec *line_properties[N_LINE_PROPS];

static void
matou_log_line_finalize (GObject *object)
{
  MatouLogLine *self = MATOU_LOG_LINE (object);

  g_clear_pointer (&self->source, g_ref_string_release);
  g_free (self->owned_text);

  G_OBJECT_CLASS (matou_log_line_parent_class)->finalize (object);
}

static void
matou_log_line_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MatouLogLine *self = MATOU_LOG_LINE (object);

  switch (prop_id)
    {
    case LINE_PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case LINE_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case LINE_PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_log_line_class_init (MatouLogLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = matou_log_line_finalize;
  object_class->get_property = matou_log_line_get_property;

  /* Read-only: a GtkStringFilter or an expression can bind to them. */
  line_properties[LINE_PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  line_properties[LINE_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  line_properties[LINE_PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 0, MATOU_LOG_LEVEL_STEP, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_LINE_PROPS, line_properties);
}

static void
matou_log_line_init (MatouLogLine *self)
{
}

const char *
matou_log_line_get_source (MatouLogLine *self)
{
  return self->source;
}

const char *
matou_log_line_get_text (MatouLogLine *self)
{
  return self->text;
}

MatouLogLevel
matou_log_line_get_level (MatouLogLine *self)
{
  return self->level;
}

gint64
matou_log_line_get_time (MatouLogLine *self)
{
  return self->time;
}

/* The line's object, made once: a list finds its row again by the item. */
static MatouLogLine *
record_get_object (Record *record)
{
  if (record->object == NULL)
    {
      MatouLogLine *line = g_object_new (MATOU_TYPE_LOG_LINE, NULL);

      line->text = record->text;
      line->source = g_ref_string_acquire (record->source);
      line->level = record->level;
      line->time = record->time;
      record->object = line;
    }

  return record->object;
}

/* An object still held elsewhere (a row, a copy) keeps the text. */
static void
record_clear (Record *record)
{
  if (record->object != NULL)
    {
      record->object->owned_text = g_steal_pointer (&record->text);
      g_clear_object (&record->object);
    }
  g_clear_pointer (&record->text, g_free);
  g_clear_pointer (&record->source, g_ref_string_release);
}

/* --- the model ------------------------------------------------------------ */

struct _MatouLogModel
{
  GObject    parent_instance;

  guint      max_lines;
  /* A ring of Records: position i of the list is ring[(head + i) % max_lines]. */
  GArray    *ring;
  guint      head;
  guint      count;
  GArray    *pending;       /* Records not yet in the list */
  char      *last_source;   /* the interned source of the last line appended */
  guint      flush_source;
};

static void matou_log_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MatouLogModel, matou_log_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, matou_log_model_list_model_init))

static Record *
ring_at (MatouLogModel *self,
         guint          position)
{
  return &g_array_index (self->ring, Record, (self->head + position) % self->ring->len);
}

static GType
matou_log_model_get_item_type (GListModel *list)
{
  return MATOU_TYPE_LOG_LINE;
}

static guint
matou_log_model_get_n_items (GListModel *list)
{
  return MATOU_LOG_MODEL (list)->count;
}

static gpointer
matou_log_model_get_item (GListModel *list,
                          guint       position)
{
  MatouLogModel *self = MATOU_LOG_MODEL (list);

  if (position >= self->count)
    return NULL;

  return g_object_ref (record_get_object (ring_at (self, position)));
}

static void
matou_log_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = matou_log_model_get_item_type;
  iface->get_n_items = matou_log_model_get_n_items;
  iface->get_item = matou_log_model_get_item;
}

static void
matou_log_model_dispose (GObject *object)
{
  MatouLogModel *self = MATOU_LOG_MODEL (object);

  g_clear_handle_id (&self->flush_source, g_source_remove);

  G_OBJECT_CLASS (matou_log_model_parent_class)->dispose (object);
}

static void
matou_log_model_finalize (GObject *object)
{
  MatouLogModel *self = MATOU_LOG_MODEL (object);

  g_array_unref (self->ring);
  g_array_unref (self->pending);
  g_clear_pointer (&self->last_source, g_ref_string_release);

  G_OBJECT_CLASS (matou_log_model_parent_class)->finalize (object);
}

static void
matou_log_model_class_init (MatouLogModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = matou_log_model_dispose;
  object_class->finalize = matou_log_model_finalize;
}

static void
matou_log_model_init (MatouLogModel *self)
{
  /* Slots the ring has dropped are zeroed, and clearing them does nothing. */
  self->ring = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (self->ring, (GDestroyNotify) record_clear);
  self->pending = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (self->pending, (GDestroyNotify) record_clear);
}

MatouLogModel *
matou_log_model_new (guint max_lines)
{
  MatouLogModel *self = g_object_new (MATOU_TYPE_LOG_MODEL, NULL);

  self->max_lines = max_lines > 0 ? max_lines : MATOU_LOG_MODEL_DEFAULT_MAX_LINES;

  return self;
}

guint
matou_log_model_get_max_lines (MatouLogModel *self)
{
  g_return_val_if_fail (MATOU_IS_LOG_MODEL (self), 0);

  return self->max_lines;
}

/**
 * matou_log_model_flush:
 *
 * Moves the queued lines into the list now: the oldest lines that no longer
 * fit leave the front (one items-changed), then the new ones arrive at the
 * end (another). The model is in the state each signal describes.
 */
void
matou_log_model_flush (MatouLogModel *self)
{
  guint overflow, added;

  g_return_if_fail (MATOU_IS_LOG_MODEL (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (self->pending->len == 0)
    return;

  /* Of a burst larger than the ring, only its newest lines can be shown. */
  if (self->pending->len > self->max_lines)
    g_array_remove_range (self->pending, 0, self->pending->len - self->max_lines);
  added = self->pending->len;

  overflow = self->count + added > self->max_lines ? self->count + added - self->max_lines : 0;
  if (overflow > 0)
    {
      /* From here on the ring has its full size and positions wrap. */
      if (self->ring->len < self->max_lines)
        g_array_set_size (self->ring, self->max_lines);
      for (guint i = 0; i < overflow; i++)
        record_clear (ring_at (self, i));
      self->head = (self->head + overflow) % self->max_lines;
      self->count -= overflow;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, overflow, 0);
    }

  /* The records move into the ring: the pending array forgets them. */
  if (self->ring->len < self->max_lines)
    g_array_append_vals (self->ring, self->pending->data, added);
  else
    for (guint i = 0; i < added; i++)
      *ring_at (self, self->count + i) = g_array_index (self->pending, Record, i);
  self->count += added;
  memset (self->pending->data, 0, (gsize) added * sizeof (Record));
  g_array_set_size (self->pending, 0);

  g_list_model_items_changed (G_LIST_MODEL (self), self->count - added, 0, added);
}

static gboolean
flush_cb (gpointer user_data)
{
  MatouLogModel *self = user_data;

  self->flush_source = 0;
  matou_log_model_flush (self);

  return G_SOURCE_REMOVE;
}

void
matou_log_model_append (MatouLogModel *self,
                        MatouLogLevel  level,
                        const char    *source,
                        const char    *text)
{
  Record record;

  g_return_if_fail (MATOU_IS_LOG_MODEL (self));

  if (source == NULL)
    source = "";
  /* A handful of sources ("dockerd", "apt-get") repeat on every line:
   * share one copy of each instead of a copy per line, and skip the
   * interning table's lock while the source stays the same. */
  if (self->last_source == NULL || strcmp (self->last_source, source) != 0)
    {
      g_clear_pointer (&self->last_source, g_ref_string_release);
      self->last_source = g_ref_string_new_intern (source);
    }

  record.text = matou_mask_credentials_in_text (text != NULL ? text : "");
  record.source = g_ref_string_acquire (self->last_source);
  record.object = NULL;
  record.time = g_get_real_time ();
  record.level = level;
  g_array_append_val (self->pending, record);

  /* A producer faster than the batch interval must not grow the queue
   * without bound either: of the queue, only the newest max-lines can
   * ever be shown. Dropping in chunks keeps this amortised O(1). */
  if (self->pending->len >= 2 * self->max_lines)
    g_array_remove_range (self->pending, 0, self->pending->len - self->max_lines);

  if (self->flush_source == 0)
    self->flush_source = g_timeout_add (BATCH_INTERVAL_MS, flush_cb, self);
}

void
matou_log_model_clear (MatouLogModel *self)
{
  guint old_len;

  g_return_if_fail (MATOU_IS_LOG_MODEL (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_array_set_size (self->pending, 0);
  old_len = self->count;
  g_array_set_size (self->ring, 0);
  self->head = 0;
  self->count = 0;
  if (old_len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, 0);
}

/* For "save to a file" and "copy": oldest first, one line each. */
char *
matou_log_model_to_text (MatouLogModel *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (MATOU_IS_LOG_MODEL (self), NULL);

  matou_log_model_flush (self);
  for (guint i = 0; i < self->count; i++)
    {
      g_string_append (text, ring_at (self, i)->text);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/* apt and dpkg put "E:" and "W:" first on a line, so only a prefix counts. */
static gboolean
has_prefix_after_space (const char *text,
                        const char *prefix)
{
  while (*text == ' ' || *text == '\t')
    text++;

  return g_str_has_prefix (text, prefix);
}

MatouLogLevel
matou_log_level_guess (const char *text)
{
  static const char * const errors[] = {
    "level=error", "level=fatal", "level=panic", "Error:", "error:", "ERROR", "fatal:",
    "failed to start", "Failed to start", "unable to configure",
  };
  static const char * const warnings[] = {
    "level=warning", "Warning:", "warning:", "WARNING",
  };

  g_return_val_if_fail (text != NULL, MATOU_LOG_LEVEL_INFO);

  if (has_prefix_after_space (text, "E: "))
    return MATOU_LOG_LEVEL_ERROR;
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    if (strstr (text, errors[i]) != NULL)
      return MATOU_LOG_LEVEL_ERROR;
  if (has_prefix_after_space (text, "W: "))
    return MATOU_LOG_LEVEL_WARNING;
  for (guint i = 0; i < G_N_ELEMENTS (warnings); i++)
    if (strstr (text, warnings[i]) != NULL)
      return MATOU_LOG_LEVEL_WARNING;

  return MATOU_LOG_LEVEL_INFO;
}

/**
 * matou_mask_credentials_in_text:
 *
 * Finds every "scheme://user:password@" in @text and replaces the password
 * with "***", so a log never shows a proxy password.
 */
char *
matou_mask_credentials_in_text (const char *text)
{
  GString *masked;
  const char *p = text;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  /* Most lines hold no URL at all. */
  if (strstr (text, "://") == NULL)
    return g_strdup (text);

  masked = g_string_new (NULL);
  while ((scheme = strstr (p, "://")) != NULL)
    {
      const char *authority = scheme + 3;
      gsize authority_len = strcspn (authority, "/?# \t\"'<>");
      const char *at = NULL;
      const char *colon;

      /* The last '@' of the authority ends the user information. */
      for (const char *q = authority; q < authority + authority_len; q++)
        if (*q == '@')
          at = q;

      colon = at != NULL ? memchr (authority, ':', at - authority) : NULL;
      if (colon != NULL)
        {
          g_string_append_len (masked, p, colon + 1 - p);
          g_string_append (masked, "***");
          p = at;
        }
      else
        {
          g_string_append_len (masked, p, authority - p);
          p = authority;
        }
    }
  g_string_append (masked, p);

  return g_string_free (masked, FALSE);
}
