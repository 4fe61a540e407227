/* The daemon's configuration file (daemon.json): Matou's keys read and written, every other key carried through. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "matou-daemon-config.h"
#include "matou-error.h"
#include "matou-json.h"

#define PROXY_HTTP  "http-proxy"
#define PROXY_HTTPS "https-proxy"
#define PROXY_NO    "no-proxy"

struct _MatouDaemonConfig
{
  GObject   parent_instance;

  JsonNode *root;             /* always holds an object */
  char     *raw_text;         /* the text as loaded, "" for a missing file */
  GError   *cannot_preserve;  /* why the loaded text cannot be written back */
};

G_DEFINE_FINAL_TYPE (MatouDaemonConfig, matou_daemon_config, G_TYPE_OBJECT)

static const struct {
  const char      *name;
  MatouConfigKeys  flag;
} managed_keys[] = {
  { MATOU_KEY_REGISTRY_MIRRORS, MATOU_CONFIG_KEY_REGISTRY_MIRRORS },
  { MATOU_KEY_INSECURE_REGISTRIES, MATOU_CONFIG_KEY_INSECURE_REGISTRIES },
  { MATOU_KEY_DNS, MATOU_CONFIG_KEY_DNS },
  { MATOU_KEY_PROXIES, MATOU_CONFIG_KEY_PROXIES },
};

static void
matou_daemon_config_finalize (GObject *object)
{
  MatouDaemonConfig *self = (MatouDaemonConfig *) object;

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->raw_text, g_free);
  g_clear_error (&self->cannot_preserve);

  G_OBJECT_CLASS (matou_daemon_config_parent_class)->finalize (object);
}

static void
matou_daemon_config_class_init (MatouDaemonConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = matou_daemon_config_finalize;
}

static void
matou_daemon_config_init (MatouDaemonConfig *self)
{
  self->root = json_node_init_object (json_node_alloc (), NULL);
  json_node_take_object (self->root, json_object_new ());
  self->raw_text = g_strdup ("");
}

static JsonObject *
root_object (MatouDaemonConfig *self)
{
  return json_node_get_object (self->root);
}

/* json-glib writes "<data>:LINE:COLUMN: Parse error: DETAIL". Only the
 * words are translated, so the numbers are read from the fixed start and
 * the sentence around them is Matou's own. */
static void
set_parse_error (GError       **error,
                 const char    *name,
                 const GError  *json_error)
{
  const char *message = json_error->message;
  const char *p;
  char *end;
  guint64 line;
  guint64 column;

  if (g_str_has_prefix (message, "<data>:"))
    {
      p = message + strlen ("<data>:");
      line = g_ascii_strtoull (p, &end, 10);
      if (end != p && *end == ':' && line <= G_MAXUINT)
        {
          p = end + 1;
          column = g_ascii_strtoull (p, &end, 10);
          if (end != p && *end == ':' && column <= G_MAXUINT)
            {
              const char *detail = end + 1;

              while (*detail == ' ')
                detail++;
              if (g_str_has_prefix (detail, "Parse error: "))
                detail += strlen ("Parse error: ");

              g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE,
                           /* Translators: the last %s is json-glib's own description, such as “unexpected character `}'” */
                           _("%s is not valid JSON at line %u, column %u (%s). Matou left the file as it is: fix that place in a text editor, or restore a backup."),
                           name, (guint) line, (guint) column, detail);
              return;
            }
        }
    }

  g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE,
               _("%s cannot be read as JSON (%s). Matou left the file as it is: fix it in a text editor, or restore a backup."),
               name, message);
}

static const char *
describe_node_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    case JSON_NODE_OBJECT:
    default:
      return _("a single value");
    }
}

static guint
column_of (const char *line_start,
           const char *position)
{
  return (guint) g_utf8_strlen (line_start, position - line_start) + 1;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* json-glib 1.6 reads an integer beyond the 64-bit range as a wrapped
 * number, and "\u0000" as the end of its string, without an error; written
 * back, the user's value would be silently different. The text has already
 * parsed, so a small scan over strings and numbers finds both. Single
 * quotes are json-glib's (not JSON's) and take no escapes. */
static gboolean
check_values_survive (const char  *text,
                      gsize        len,
                      const char  *name,
                      GError     **error)
{
  const char *end = text + len;
  const char *line_start = text;
  const char *p = text;
  guint line = 1;

  while (p < end)
    {
      if (*p == '\n')
        {
          line++;
          line_start = ++p;
        }
      else if (*p == '"' || *p == '\'')
        {
          char quote = *p++;

          while (p < end && *p != quote)
            {
              if (*p == '\n')
                {
                  line++;
                  line_start = p + 1;
                }
              if (quote == '"' && *p == '\\' && p + 1 < end)
                {
                  if (p[1] == 'u' && end - p >= 6 && strncmp (p + 2, "0000", 4) == 0)
                    {
                      g_set_error (error, MATOU_ERROR, MATOU_ERROR_CANNOT_PRESERVE,
                                   _("%s holds text with a \\u0000 character (line %u, column %u), which Matou cannot write back unchanged, so Matou will not rewrite the file. Change Docker’s settings in a text editor instead."),
                                   name, line, column_of (line_start, p));
                      return FALSE;
                    }
                  p++;
                }
              p++;
            }
          p++;
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *start = p;
          g_autofree char *token = NULL;
          gboolean fractional = FALSE;
          gboolean fits;

          while (p < end && is_number_char (*p))
            {
              if (*p == '.' || *p == 'e' || *p == 'E')
                fractional = TRUE;
              p++;
            }

          token = g_strndup (start, p - start);
          if (fractional)
            fits = isfinite (g_ascii_strtod (token, NULL));
          else
            fits = g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, NULL, NULL);

          if (!fits)
            {
              g_set_error (error, MATOU_ERROR, MATOU_ERROR_CANNOT_PRESERVE,
                           _("%s holds the number %s (line %u, column %u), which is too large for Matou to write back unchanged, so Matou will not rewrite the file. Change Docker’s settings in a text editor instead, or change that number."),
                           name, token, line, column_of (line_start, start));
              return FALSE;
            }
        }
      else
        {
          p++;
        }
    }

  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return FALSE;
  return TRUE;
}

/**
 * matou_daemon_config_new_from_named_data:
 * @name: what error messages call the text, usually the file's path
 *
 * As matou_daemon_config_new_from_data(), for text read from a file.
 */
MatouDaemonConfig *
matou_daemon_config_new_from_named_data (const char  *data,
                                         gssize       len,
                                         const char  *name,
                                         GError     **error)
{
  g_autoptr(MatouDaemonConfig) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (data == NULL)
    data = "";
  if (len < 0)
    len = strlen (data);

  self = g_object_new (MATOU_TYPE_DAEMON_CONFIG, NULL);
  g_free (self->raw_text);
  self->raw_text = g_strndup (data, len);

  /* An empty file is how many distributions ship daemon.json, and the
   * daemon reads it as no settings at all. */
  if (is_blank (data, len))
    return g_steal_pointer (&self);

  parser = json_parser_new ();
  if (!matou_json_parser_load (parser, data, len, &local_error))
    {
      set_parse_error (error, name, local_error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE,
                   /* Translators: the second %s is “an array”, “null” or “a single value” */
                   _("%s holds %s where Docker expects a JSON object ({ … }). Matou left the file as it is: fix it in a text editor, or restore a backup."),
                   /* TRANSLATORS: what an empty file holds, in place of a JSON value */
                   name, root != NULL ? describe_node_type (root) : C_("JSON value", "nothing"));
      return NULL;
    }

  json_node_unref (self->root);
  self->root = json_parser_steal_root (parser);

  check_values_survive (data, len, name, &self->cannot_preserve);

  return g_steal_pointer (&self);
}

/**
 * matou_daemon_config_new:
 *
 * A configuration with no keys, as for a missing daemon.json.
 */
MatouDaemonConfig *
matou_daemon_config_new (void)
{
  return g_object_new (MATOU_TYPE_DAEMON_CONFIG, NULL);
}

/**
 * matou_daemon_config_new_from_data:
 * @data: the text of a daemon.json
 * @len: its length, or -1 when nul-terminated
 *
 * Empty or blank text is an empty configuration. Text that does not parse,
 * or whose top level is not an object, fails with MATOU_ERROR_PARSE and a
 * message giving the line and column.
 */
MatouDaemonConfig *
matou_daemon_config_new_from_data (const char  *data,
                                   gssize       len,
                                   GError     **error)
{
  return matou_daemon_config_new_from_named_data (data, len, "daemon.json", error);
}

/**
 * matou_daemon_config_new_from_file:
 * @path: where daemon.json lives
 *
 * A missing file is an empty configuration: the daemon runs with its
 * defaults then, and the first write creates the file.
 */
MatouDaemonConfig *
matou_daemon_config_new_from_file (const char  *path,
                                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return matou_daemon_config_new ();

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                   _("Could not read the daemon configuration (%s). Check that the file can be read, then try again."),
                   local_error->message);
      return NULL;
    }

  return matou_daemon_config_new_from_named_data (contents, len, path, error);
}

static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy = json_node_alloc ();

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *object_copy = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (object);

        for (GList *l = members; l != NULL; l = l->next)
          json_object_set_member (object_copy, l->data,
                                  deep_copy (json_object_get_member (object, l->data)));
        json_node_init_object (copy, NULL);
        json_node_take_object (copy, object_copy);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, deep_copy (json_array_get_element (array, i)));
        json_node_init_array (copy, NULL);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
      /* A fresh value, not a shared one: json_node_copy() would share the
       * JsonValue, and setting one node would change the other. */
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (copy, json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        default:
          return json_node_init_null (copy);
        }

    case JSON_NODE_NULL:
    default:
      return json_node_init_null (copy);
    }
}

/**
 * matou_daemon_config_copy:
 *
 * An independent copy, so that a form can be edited and compared with the
 * file it came from. The raw text is the original's.
 */
MatouDaemonConfig *
matou_daemon_config_copy (MatouDaemonConfig *self)
{
  MatouDaemonConfig *copy;

  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), NULL);

  copy = g_object_new (MATOU_TYPE_DAEMON_CONFIG, NULL);
  json_node_unref (copy->root);
  copy->root = deep_copy (self->root);
  g_free (copy->raw_text);
  copy->raw_text = g_strdup (self->raw_text);
  if (self->cannot_preserve != NULL)
    copy->cannot_preserve = g_error_copy (self->cannot_preserve);

  return copy;
}

/**
 * matou_daemon_config_get_raw_text:
 *
 * The text as it was loaded, for showing a file Matou will not touch.
 */
const char *
matou_daemon_config_get_raw_text (MatouDaemonConfig *self)
{
  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), NULL);

  return self->raw_text;
}

gboolean
matou_daemon_config_has_key (MatouDaemonConfig *self,
                             const char        *key)
{
  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return json_object_has_member (root_object (self), key);
}

/* A member that is missing, or not an array, reads as an empty list;
 * elements that are not strings are skipped. */
static char **
dup_strv_member (JsonObject *object,
                 const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

/**
 * matou_daemon_config_get_mirrors:
 *
 * Returns: (transfer full): "registry-mirrors", empty when absent
 */
char **
matou_daemon_config_get_mirrors (MatouDaemonConfig *self)
{
  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), NULL);

  return dup_strv_member (root_object (self), MATOU_KEY_REGISTRY_MIRRORS);
}

/**
 * matou_daemon_config_get_dns:
 *
 * Returns: (transfer full): "dns", empty when absent
 */
char **
matou_daemon_config_get_dns (MatouDaemonConfig *self)
{
  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), NULL);

  return dup_strv_member (root_object (self), MATOU_KEY_DNS);
}

/**
 * matou_daemon_config_get_proxies:
 * @http: (out) (optional) (nullable): "http-proxy"
 * @https: (out) (optional) (nullable): "https-proxy"
 * @no: (out) (optional) (nullable): "no-proxy"
 *
 * Returns: whether the file has a "proxies" object
 */
gboolean
matou_daemon_config_get_proxies (MatouDaemonConfig  *self,
                                 char              **http,
                                 char              **https,
                                 char              **no)
{
  JsonNode *node;
  JsonObject *proxies = NULL;

  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), FALSE);

  node = json_object_get_member (root_object (self), MATOU_KEY_PROXIES);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    proxies = json_node_get_object (node);

  if (http != NULL)
    *http = proxies != NULL ? dup_string_member (proxies, PROXY_HTTP) : NULL;
  if (https != NULL)
    *https = proxies != NULL ? dup_string_member (proxies, PROXY_HTTPS) : NULL;
  if (no != NULL)
    *no = proxies != NULL ? dup_string_member (proxies, PROXY_NO) : NULL;

  return proxies != NULL;
}

static JsonNode *
strv_node (const char * const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  node = json_node_init_array (json_node_alloc (), NULL);
  json_node_take_array (node, array);
  return node;
}

/**
 * matou_daemon_config_set_mirrors:
 * @mirrors: (nullable): the mirrors, already validated
 *
 * An empty list is written as `[]`, never as a missing key: a reload only
 * applies keys present in the file, so a missing key would leave the old
 * mirrors in effect until the next restart.
 */
void
matou_daemon_config_set_mirrors (MatouDaemonConfig  *self,
                                 const char * const *mirrors)
{
  g_return_if_fail (MATOU_IS_DAEMON_CONFIG (self));

  json_object_set_member (root_object (self), MATOU_KEY_REGISTRY_MIRRORS, strv_node (mirrors));
}

/**
 * matou_daemon_config_set_dns:
 * @dns: (nullable): the DNS servers, already validated
 *
 * An empty list removes the key: dns is not reloadable, so it only takes
 * effect at a restart, which reads the whole file, and a missing key gives
 * containers the host's resolvers, which is what an empty list means.
 */
void
matou_daemon_config_set_dns (MatouDaemonConfig  *self,
                             const char * const *dns)
{
  JsonObject *root;

  g_return_if_fail (MATOU_IS_DAEMON_CONFIG (self));

  root = root_object (self);
  if (dns == NULL || dns[0] == NULL)
    {
      if (json_object_has_member (root, MATOU_KEY_DNS))
        json_object_remove_member (root, MATOU_KEY_DNS);
      return;
    }

  json_object_set_member (root, MATOU_KEY_DNS, strv_node (dns));
}

/**
 * matou_daemon_config_set_proxies:
 * @http: (nullable): "http-proxy", already validated; %NULL or "" removes it
 * @https: (nullable): "https-proxy", likewise
 * @no: (nullable): "no-proxy", likewise
 *
 * Only for Engine 23.0 and later: older daemons refuse to start with a
 * "proxies" key (see matou_proxy_target_for_engine()). Members of
 * "proxies" other than these three are kept; when nothing is left, the
 * key goes.
 */
void
matou_daemon_config_set_proxies (MatouDaemonConfig *self,
                                 const char        *http,
                                 const char        *https,
                                 const char        *no)
{
  const char *names[] = { PROXY_HTTP, PROXY_HTTPS, PROXY_NO };
  const char *values[] = { http, https, no };
  g_autoptr(JsonObject) fresh = NULL;
  JsonObject *root;
  JsonObject *proxies;
  JsonNode *node;

  g_return_if_fail (MATOU_IS_DAEMON_CONFIG (self));

  root = root_object (self);
  node = json_object_get_member (root, MATOU_KEY_PROXIES);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    proxies = json_node_get_object (node);
  else
    proxies = fresh = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (values[i] != NULL && *values[i] != '\0')
        json_object_set_string_member (proxies, names[i], values[i]);
      else if (json_object_has_member (proxies, names[i]))
        json_object_remove_member (proxies, names[i]);
    }

  if (json_object_get_size (proxies) == 0)
    {
      if (json_object_has_member (root, MATOU_KEY_PROXIES))
        json_object_remove_member (root, MATOU_KEY_PROXIES);
    }
  else if (fresh != NULL)
    {
      json_object_set_object_member (root, MATOU_KEY_PROXIES, g_steal_pointer (&fresh));
    }
}

/**
 * matou_daemon_config_clear_proxies:
 *
 * Removes Matou's three proxy members, and the "proxies" key once nothing
 * else is in it.
 */
void
matou_daemon_config_clear_proxies (MatouDaemonConfig *self)
{
  matou_daemon_config_set_proxies (self, NULL, NULL, NULL);
}

/* Stricter than json_node_equal(): member order counts, and an integer is
 * not a double. Used to prove that what is written reads back as meant. */
static gboolean
nodes_identical (JsonNode *a,
                 JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_INT64:
          return json_node_get_int (a) == json_node_get_int (b);
        case G_TYPE_DOUBLE:
          return json_node_get_double (a) == json_node_get_double (b) &&
                 signbit (json_node_get_double (a)) == signbit (json_node_get_double (b));
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        case G_TYPE_STRING:
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        default:
          return FALSE;
        }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array_a = json_node_get_array (a);
        JsonArray *array_b = json_node_get_array (b);

        if (json_array_get_length (array_a) != json_array_get_length (array_b))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (array_a); i++)
          if (!nodes_identical (json_array_get_element (array_a, i),
                                json_array_get_element (array_b, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object_a = json_node_get_object (a);
        JsonObject *object_b = json_node_get_object (b);
        g_autoptr(GList) members_a = json_object_get_members (object_a);
        g_autoptr(GList) members_b = json_object_get_members (object_b);
        GList *la, *lb;

        for (la = members_a, lb = members_b; la != NULL && lb != NULL; la = la->next, lb = lb->next)
          {
            if (strcmp (la->data, lb->data) != 0)
              return FALSE;
            if (!nodes_identical (json_object_get_member (object_a, la->data),
                                  json_object_get_member (object_b, lb->data)))
              return FALSE;
          }
        return la == NULL && lb == NULL;
      }

    default:
      return FALSE;
    }
}

/* json-glib 1.6's generator can write two things strict JSON readers (the
 * daemon's among them) refuse: U+001F raw inside a string (it escapes
 * only below 0x1F), and ".0" after a number in exponent form ("1e+20.0").
 * Both are put right here. It also pads a nested empty object with the
 * indentation ("{    }"), which is only untidy; that becomes "{}". */
static GString *
repair_generated (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 2);
  gboolean in_string = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      guchar c = *p;

      if (in_string)
        {
          if (c == '\\' && p[1] != '\0')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (c == '"')
            in_string = FALSE;
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
          p++;
        }
      else if (c == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, c);
          p++;
        }
      else if (c == '{' && p[strspn (p + 1, " ") + 1] == '}')
        {
          g_string_append (out, "{}");
          p += strspn (p + 1, " ") + 2;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          const char *start = p;
          const char *exponent = NULL;
          const char *cut;

          while (is_number_char (*p))
            {
              if ((*p == 'e' || *p == 'E') && exponent == NULL)
                exponent = p;
              p++;
            }

          cut = exponent != NULL ? memchr (exponent, '.', p - exponent) : NULL;
          g_string_append_len (out, start, (cut != NULL ? cut : p) - start);
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
    }

  return out;
}

/**
 * matou_daemon_config_to_data:
 * @len: (out) (optional): the length of the text
 *
 * The configuration as daemon.json text: 2-space indentation, a final
 * newline, keys in their order. Fails with MATOU_ERROR_CANNOT_PRESERVE,
 * writing nothing, when the loaded file holds a value json-glib cannot
 * carry, or when the text would not read back as exactly this
 * configuration.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
matou_daemon_config_to_data (MatouDaemonConfig  *self,
                             gsize              *len,
                             GError            **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *generated = NULL;
  GString *text;

  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (self), NULL);

  if (self->cannot_preserve != NULL)
    {
      g_propagate_error (error, g_error_copy (self->cannot_preserve));
      return NULL;
    }

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  json_generator_set_root (generator, self->root);
  generated = json_generator_to_data (generator, NULL);

  text = repair_generated (generated);
  g_string_append_c (text, '\n');

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text->str, text->len, NULL) ||
      !nodes_identical (self->root, json_parser_get_root (parser)))
    {
      g_string_free (text, TRUE);
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_CANNOT_PRESERVE,
                           _("Matou could not write the daemon configuration so that every value reads back unchanged, so it wrote nothing. Change the setting in a text editor instead, and please report this as a bug in Matou."));
      return NULL;
    }

  if (len != NULL)
    *len = text->len;

  return g_string_free (text, FALSE);
}

static MatouConfigKeys
managed_flag (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (managed_keys); i++)
    if (strcmp (managed_keys[i].name, name) == 0)
      return managed_keys[i].flag;
  return MATOU_CONFIG_KEY_NONE;
}

static gboolean
member_equal (JsonObject *a,
              JsonObject *b,
              const char *name)
{
  JsonNode *node_a = json_object_get_member (a, name);
  JsonNode *node_b = json_object_get_member (b, name);

  if (node_a == NULL || node_b == NULL)
    return node_a == node_b;

  return json_node_equal (node_a, node_b);
}

static gboolean
others_differ (JsonObject *a,
               JsonObject *b)
{
  g_autoptr(GList) members_a = json_object_get_members (a);
  g_autoptr(GList) members_b = json_object_get_members (b);

  for (GList *l = members_a; l != NULL; l = l->next)
    if (managed_flag (l->data) == MATOU_CONFIG_KEY_NONE && !member_equal (a, b, l->data))
      return TRUE;

  for (GList *l = members_b; l != NULL; l = l->next)
    if (managed_flag (l->data) == MATOU_CONFIG_KEY_NONE && !json_object_has_member (a, l->data))
      return TRUE;

  return FALSE;
}

/**
 * matou_daemon_config_diff_managed:
 *
 * What differs between two configurations, compared by value (not by
 * spelling or member order), so that the helper can choose between a
 * reload and a restart.
 */
MatouConfigDiff
matou_daemon_config_diff_managed (MatouDaemonConfig *old_config,
                                  MatouDaemonConfig *new_config)
{
  MatouConfigDiff diff = { MATOU_CONFIG_KEY_NONE, MATOU_CONFIG_KEY_NONE, FALSE };
  JsonObject *old_root;
  JsonObject *new_root;

  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (old_config), diff);
  g_return_val_if_fail (MATOU_IS_DAEMON_CONFIG (new_config), diff);

  old_root = root_object (old_config);
  new_root = root_object (new_config);

  for (guint i = 0; i < G_N_ELEMENTS (managed_keys); i++)
    {
      const char *name = managed_keys[i].name;

      if (member_equal (old_root, new_root, name))
        continue;

      diff.changed |= managed_keys[i].flag;
      if (!json_object_has_member (new_root, name))
        diff.removed |= managed_keys[i].flag;
    }

  diff.others_changed = others_differ (old_root, new_root);

  return diff;
}

/**
 * matou_daemon_config_change_needs_restart:
 *
 * Registry mirrors and insecure registries are applied by a reload (SIGHUP);
 * dns and proxies only at a restart. A reload only touches keys present in
 * the file, so a removed reloadable key also needs a restart. Any change
 * to a key Matou does not manage counts as needing a restart, since Matou
 * does not know whether a reload applies it.
 */
gboolean
matou_daemon_config_change_needs_restart (const MatouConfigDiff *diff)
{
  const MatouConfigKeys reloadable = MATOU_CONFIG_KEY_REGISTRY_MIRRORS |
                                     MATOU_CONFIG_KEY_INSECURE_REGISTRIES;

  g_return_val_if_fail (diff != NULL, TRUE);

  if (diff->others_changed)
    return TRUE;
  if ((diff->changed & ~reloadable) != 0)
    return TRUE;
  if ((diff->removed & reloadable) != 0)
    return TRUE;

  return FALSE;
}

/**
 * matou_config_keys_to_strv:
 *
 * Returns: (transfer full): the daemon.json names of @keys, for logs and
 *   the helper's reply
 */
char **
matou_config_keys_to_strv (MatouConfigKeys keys)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (managed_keys); i++)
    if ((keys & managed_keys[i].flag) != 0)
      g_strv_builder_add (builder, managed_keys[i].name);

  return g_strv_builder_end (builder);
}
