/* What the loaders of Matou's XML data files (compare.xml, doctor.xml) share: errors, text, parsing. */
#include "config.h"

#include "matou-error.h"
#include "matou-markup.h"

/**
 * matou_markup_fail:
 * @context: (nullable): the parse under way, for the line
 * @file: (nullable): the file's name, put with the line in front of the
 *   message; %NULL when the parse has %G_MARKUP_PREFIX_ERROR_POSITION,
 *   which adds the position itself
 *
 * Sets %MATOU_ERROR_PARSE. Returns: %FALSE
 */
gboolean
matou_markup_fail (GMarkupParseContext  *context,
                   const char           *file,
                   GError              **error,
                   const char           *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (file == NULL)
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_PARSE, message);
      return FALSE;
    }

  if (context != NULL)
    g_markup_parse_context_get_position (context, &line, NULL);
  g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE, "%s:%d: %s", file, line, message);

  return FALSE;
}

/* xgettext collapses white space in the texts it extracts: so does the loader, or nothing would match. */
char *
matou_markup_normalize_space (const char *text)
{
  g_autoptr(GString) normal = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = normal->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (normal, ' ');
      space = FALSE;
      g_string_append_c (normal, *p);
    }

  return g_string_free (g_steal_pointer (&normal), FALSE);
}

/* Sets *@field to @value (taken), or fails when <@element> came before. */
gboolean
matou_markup_set_once (char                **field,
                       char                 *value,
                       GMarkupParseContext  *context,
                       const char           *file,
                       const char           *element,
                       GError              **error)
{
  if (*field != NULL)
    {
      g_free (value);
      return matou_markup_fail (context, file, error, "<%s> appears twice", element);
    }
  *field = value;

  return TRUE;
}

/* A leaf element starts: its text is gathered from here on. */
void
matou_markup_leaf_begin (MatouMarkupLeaf *leaf)
{
  g_string_truncate (leaf->text, 0);
  leaf->in_leaf = TRUE;
}

/* Returns whether a leaf was open (its text is in leaf->text), and closes it. */
gboolean
matou_markup_leaf_end (MatouMarkupLeaf *leaf)
{
  gboolean was_open = leaf->in_leaf;

  leaf->in_leaf = FALSE;
  return was_open;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *chars,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  MatouMarkupLeaf *leaf = user_data;
  const char *element;

  if (leaf->in_leaf)
    {
      g_string_append_len (leaf->text, chars, length);
      return;
    }
  if (!leaf->strict)
    return;

  element = g_markup_parse_context_get_element (context);
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (chars[i]))
      {
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE,
                     "text outside of a text element, in <%s>", element != NULL ? element : "");
        return;
      }
}

/**
 * matou_markup_parse:
 * @parser: the loader's state, which starts with its #MatouMarkupLeaf;
 *   handed to @start_element and @end_element
 * @file: (nullable): as for matou_markup_fail()
 *
 * Parses all of @data. Every way the file can be wrong is a
 * %MATOU_ERROR_PARSE: GMarkup's own errors keep their words (after
 * “@file: ” when @file is given).
 */
gboolean
matou_markup_parse (MatouMarkupStart      start_element,
                    MatouMarkupEnd        end_element,
                    GMarkupParseFlags     flags,
                    MatouMarkupLeaf      *parser,
                    const char           *data,
                    gssize                length,
                    const char           *file,
                    GError              **error)
{
  const GMarkupParser callbacks = {
    .start_element = start_element,
    .end_element = end_element,
    .text = on_text,
  };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&callbacks, flags, parser, NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_markup_parse_context_parse (context, data, length, &local_error) &&
      g_markup_parse_context_end_parse (context, &local_error))
    return TRUE;

  if (local_error->domain == MATOU_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (file != NULL)
    g_set_error (error, MATOU_ERROR, MATOU_ERROR_PARSE, "%s: %s", file, local_error->message);
  else
    g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_PARSE, local_error->message);

  return FALSE;
}
