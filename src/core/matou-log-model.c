/* A bounded list of log lines for GtkListView: the newest lines, appended in batches. */
#include "config.h"

#include <string.h>

#include "matou-log-model.h"

/* One items-changed per interval keeps a flood of lines from starving the window. */
#define BATCH_INTERVAL_MS 50

struct _MatouLogLine
{
  GObject        parent_instance;

  char          *source;
  char          *text;
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
  g_free (self->text);

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

/* --- the model ------------------------------------------------------------ */

struct _MatouLogModel
{
  GObject    parent_instance;

  guint      max_lines;
  /* A ring: position i of the list is ring[(head + i) % max_lines]. */
  GPtrArray *ring;
  guint      head;
  guint      count;
  GPtrArray *pending;
  guint      flush_source;
};

static void matou_log_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MatouLogModel, matou_log_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, matou_log_model_list_model_init))

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

  return g_object_ref (g_ptr_array_index (self->ring, (self->head + position) % self->ring->len));
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

  g_ptr_array_unref (self->ring);
  g_ptr_array_unref (self->pending);

  G_OBJECT_CLASS (matou_log_model_parent_class)->finalize (object);
}

static void
matou_log_model_class_init (MatouLogModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = matou_log_model_dispose;
  object_class->finalize = matou_log_model_finalize;
}

/* Slots the ring has dropped are NULL. */
static void
unref_slot (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
matou_log_model_init (MatouLogModel *self)
{
  self->ring = g_ptr_array_new_with_free_func (unref_slot);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
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
    g_ptr_array_remove_range (self->pending, 0, self->pending->len - self->max_lines);
  added = self->pending->len;

  overflow = self->count + added > self->max_lines ? self->count + added - self->max_lines : 0;
  if (overflow > 0)
    {
      /* From here on the ring has its full size and positions wrap. */
      if (self->ring->len < self->max_lines)
        g_ptr_array_set_size (self->ring, self->max_lines);
      for (guint i = 0; i < overflow; i++)
        {
          guint slot = (self->head + i) % self->max_lines;

          g_clear_object (&self->ring->pdata[slot]);
        }
      self->head = (self->head + overflow) % self->max_lines;
      self->count -= overflow;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, overflow, 0);
    }

  for (guint i = 0; i < added; i++)
    {
      gpointer line = g_object_ref (g_ptr_array_index (self->pending, i));

      if (self->ring->len < self->max_lines)
        g_ptr_array_add (self->ring, line);
      else
        self->ring->pdata[(self->head + self->count + i) % self->max_lines] = line;
    }
  self->count += added;
  g_ptr_array_set_size (self->pending, 0);

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
  MatouLogLine *line;

  g_return_if_fail (MATOU_IS_LOG_MODEL (self));

  line = g_object_new (MATOU_TYPE_LOG_LINE, NULL);
  /* A handful of sources ("dockerd", "apt-get") repeat on every line:
   * share one copy of each instead of a copy per line. */
  line->source = g_ref_string_new_intern (source != NULL ? source : "");
  line->text = matou_mask_credentials_in_text (text != NULL ? text : "");
  line->level = level;
  line->time = g_get_real_time ();
  g_ptr_array_add (self->pending, line);

  /* A producer faster than the batch interval must not grow the queue
   * without bound either: of the queue, only the newest max-lines can
   * ever be shown. Dropping in chunks keeps this amortised O(1). */
  if (self->pending->len >= 2 * self->max_lines)
    g_ptr_array_remove_range (self->pending, 0, self->pending->len - self->max_lines);

  if (self->flush_source == 0)
    self->flush_source = g_timeout_add (BATCH_INTERVAL_MS, flush_cb, self);
}

void
matou_log_model_clear (MatouLogModel *self)
{
  guint old_len;

  g_return_if_fail (MATOU_IS_LOG_MODEL (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_ptr_array_set_size (self->pending, 0);
  old_len = self->count;
  g_ptr_array_set_size (self->ring, 0);
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
      MatouLogLine *line = g_ptr_array_index (self->ring, (self->head + i) % self->ring->len);

      g_string_append (text, line->text);
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
