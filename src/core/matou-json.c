/* Reading members of JSON objects that other programs wrote: a missing or mistyped member is "not there", never a crash. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-json.h"

/* A string member; NULL when it is missing, null or not a string. */
char *
matou_json_dup_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

gint64
matou_json_get_int (JsonObject *object,
                    const char *name,
                    gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (node);
}

/* FALSE unless the member is the boolean true. */
gboolean
matou_json_get_bool (JsonObject *object,
                     const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* The strings of an array member, skipping other elements; an empty vector when there is none. */
char **
matou_json_dup_strv (JsonObject *object,
                     const char *name)
{
  JsonArray *array = matou_json_get_array (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

JsonObject *
matou_json_get_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
matou_json_get_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A member holding an array of strings; NULL gives an empty array. */
void
matou_json_add_strv (JsonBuilder        *builder,
                     const char         *name,
                     const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* Whitespace and comments, as json-glib 1.6's scanner skips them: its
 * comment runs from a "/" to the next "/" (so "/" "*" … "*" "/" is one
 * too, and so is "/" "*" "/"). */
static gsize
skip_blank (const char *data,
            gsize       length,
            gsize       i)
{
  while (i < length)
    {
      if (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')
        i++;
      else if (data[i] == '/')
        {
          const char *end = memchr (data + i + 1, '/', length - i - 1);

          if (end == NULL)
            return length;
          i = end - data + 1;
        }
      else
        break;
    }
  return i;
}

/* Where the first value of @data ends: after its closing bracket or quote,
 * or after the scalar. Only the nesting is followed; json-glib checks the
 * rest. */
static gsize
end_of_first_value (const char *data,
                    gsize       length,
                    gsize       i)
{
  int depth = 0;

  while (i < length)
    {
      char c = data[i];

      if (c == '"' || c == '\'')
        {
          for (i++; i < length && data[i] != c; i++)
            if (data[i] == '\\')
              i++;
          i++;
        }
      else if (c == '{' || c == '[')
        {
          depth++;
          i++;
        }
      else if (c == '}' || c == ']')
        {
          depth--;
          i++;
        }
      else if (depth > 0)
        {
          gsize next = skip_blank (data, length, i);

          i = next > i ? next : i + 1;
          continue;
        }
      else
        {
          /* A scalar at the top: up to a blank or a bracket. */
          while (i < length && strchr (" \t\r\n{}[]\"'/", data[i]) == NULL)
            i++;
          break;
        }

      if (depth <= 0)
        break;
    }
  return MIN (i, length);
}

/* json-glib 1.6 reads octal escapes ("\\351") into strings as raw
 * bytes, so a string it returns need not be UTF-8. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * matou_json_parser_load:
 *
 * As json_parser_load_from_data(), for text from another program, which
 * must hold one JSON value and nothing after it but blanks, with UTF-8
 * strings. json-glib 1.6 reads "{…}{…}" as the last of the values and
 * leaks the others; a second value is refused here before json-glib sees
 * it.
 */
gboolean
matou_json_parser_load (JsonParser  *parser,
                        const char  *data,
                        gssize       length,
                        GError     **error)
{
  gsize len = length < 0 ? strlen (data) : (gsize) length;
  /* json-glib skips a byte order mark; so does this, and leaves the
   * verdict on one to the caller. */
  gsize bom = len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  gsize start = skip_blank (data, len, bom);
  JsonNode *root;

  if (start < len)
    {
      gsize end;

      /* json-glib reads "$7{…}" as two values too. */
      if (data[start] == '\0' ||
          !(strchr ("{[\"'-0123456789", data[start]) != NULL ||
            (len - start >= 4 && (strncmp (data + start, "true", 4) == 0 ||
                                  strncmp (data + start, "null", 4) == 0)) ||
            (len - start >= 5 && strncmp (data + start, "false", 5) == 0)))
        {
          g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD,
                               _("the text does not start with a JSON value"));
          return FALSE;
        }

      end = skip_blank (data, len, end_of_first_value (data, len, start));
      if (end < len)
        {
          g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                               _("more text follows the first JSON value"));
          return FALSE;
        }
    }

  if (!json_parser_load_from_data (parser, data, len, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root != NULL && !node_is_utf8 (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("a string in it is not UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

/**
 * matou_json_check_request_text:
 * @data: a request as it arrived, before json-glib parses it
 * @length: its length in bytes
 *
 * Refuses what json-glib would quietly take in a shortened form: a NUL
 * byte, a \u0000 escape inside a string (json-glib cuts the string
 * there, so a shortened value would be checked and applied), and anything
 * but white space after the first object or array (json-glib reads the
 * first value and ignores the rest). Only the text's outline is followed
 * here, strings and nesting; json-glib still parses the value.
 */
gboolean
matou_json_check_request_text (const char  *data,
                               gsize        length,
                               GError     **error)
{
  gboolean in_string = FALSE;
  gboolean ended = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\0' ||
          (in_string && c == '\\' && length - i >= 6 && memcmp (data + i + 1, "u0000", 5) == 0))
        {
          g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                               _("The request contains a NUL character (\\u0000), which no setting can hold, so it was refused and nothing was changed."));
          return FALSE;
        }

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              ended = depth == 0;
            }
          continue;
        }

      if (ended && !g_ascii_isspace (c))
        {
          g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                               _("The request has more text after its JSON object, so it was refused and nothing was changed: send exactly one object."));
          return FALSE;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0)
        ended = --depth == 0;
    }

  return TRUE;
}
