/* The systemd drop-in that gives the daemon its proxy on Engine < 23, where daemon.json has no "proxies". */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "matou-engine-info.h"
#include "matou-error.h"
#include "matou-proxy-dropin.h"
#include "matou-validate.h"

/* The variables Matou owns, as pairs: the daemon (Go's httpproxy) takes
 * the upper-case one when set, else the lower-case one. Matou writes only
 * the upper-case ones and removes the lower-case ones, so that a stale
 * lower-case value cannot come back when the upper-case one is cleared. */
static const char *const owned_names[] = {
  "HTTP_PROXY", "http_proxy",
  "HTTPS_PROXY", "https_proxy",
  "NO_PROXY", "no_proxy",
};

typedef enum {
  LINE_BLANK,
  LINE_COMMENT,
  LINE_SECTION,
  LINE_ASSIGNMENT,
  LINE_OTHER,
} LineKind;

typedef struct {
  char     *raw;      /* as written, continuation lines included, no final newline */
  LineKind  kind;
  char     *section;  /* LINE_SECTION: its name */
  char     *key;      /* LINE_ASSIGNMENT: before '=' */
  char     *value;    /* LINE_ASSIGNMENT: after '=', continuations folded */
  gboolean  dangling; /* ends in a continuation at the end of the text */
} Line;

typedef struct {
  char *raw;   /* as written, quotes included */
  char *text;  /* unquoted and unescaped */
} Word;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->raw);
  g_free (line->section);
  g_free (line->key);
  g_free (line->value);
  g_free (line);
}

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->raw);
  g_free (word->text);
  g_free (word);
}

/**
 * matou_proxy_target_for_engine:
 * @engine_version: (nullable): the Engine's version, as /version reports it
 *
 * Engine 23.0 reads "proxies" from daemon.json; older daemons refuse to
 * start with it. A version that cannot be read gets the drop-in, which
 * every version honours.
 */
MatouProxyTarget
matou_proxy_target_for_engine (const char *engine_version)
{
  if (matou_version_at_least (engine_version, 23, 0))
    return MATOU_PROXY_TARGET_DAEMON_JSON;

  return MATOU_PROXY_TARGET_DROPIN;
}

static void
classify (Line       *line,
          const char *folded)
{
  const char *s = folded;
  const char *equals;

  while (*s == ' ' || *s == '\t')
    s++;

  if (*s == '\0' || strcmp (s, "\r") == 0)
    {
      line->kind = LINE_BLANK;
    }
  else if (*s == '#' || *s == ';')
    {
      line->kind = LINE_COMMENT;
    }
  else if (*s == '[')
    {
      const char *close = strchr (s, ']');

      line->kind = LINE_SECTION;
      line->section = close != NULL ? g_strndup (s + 1, close - s - 1) : g_strdup (s + 1);
    }
  else if ((equals = strchr (s, '=')) != NULL)
    {
      line->kind = LINE_ASSIGNMENT;
      line->key = g_strstrip (g_strndup (s, equals - s));
      line->value = g_strstrip (g_strdup (equals + 1));
    }
  else
    {
      line->kind = LINE_OTHER;
    }
}

static gboolean
is_comment_line (const char *part)
{
  const char *first = part + strspn (part, " \t");

  return *first == '#' || *first == ';';
}

/* Whether @len bytes of @text end in a backslash that is not itself
 * escaped: an odd run of them, as systemd counts (two are one literal). */
static gboolean
ends_in_continuation (const char *text,
                      gsize       len)
{
  gsize run = 0;

  while (run < len && text[len - 1 - run] == '\\')
    run++;

  return run % 2 == 1;
}

/* Splits unit-file text into logical lines as systemd reads them: a line
 * ending in a backslash continues on the next one, the backslash read as
 * a space; comment lines inside a continuation are skipped and do not end
 * it (systemd.syntax(7)). */
static GPtrArray *
split_lines (const char *text)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (line_free);
  g_auto(GStrv) physical = g_strsplit (text != NULL ? text : "", "\n", -1);
  guint count = g_strv_length (physical);

  /* "a\n" splits into "a" and "": the last element only exists because
   * the text ends with a newline. */
  if (count > 0 && physical[count - 1][0] == '\0')
    count--;

  for (guint i = 0; i < count; i++)
    {
      Line *line = g_new0 (Line, 1);
      GString *raw = g_string_new (physical[i]);
      GString *folded = g_string_new (NULL);
      const char *part = physical[i];
      gboolean continues = !is_comment_line (part);

      for (;;)
        {
          gsize len = strlen (part);

          if (!continues || !ends_in_continuation (part, len))
            {
              g_string_append (folded, part);
              break;
            }

          g_string_append_len (folded, part, len - 1);
          g_string_append_c (folded, ' ');

          /* The next line that is not a comment continues this one. */
          do
            {
              if (i + 1 >= count)
                {
                  /* It continues onto nothing: a line written after
                   * it would be folded into it. */
                  line->dangling = TRUE;
                  break;
                }
              part = physical[++i];
              g_string_append_c (raw, '\n');
              g_string_append (raw, part);
            }
          while (is_comment_line (part));

          if (line->dangling)
            break;
        }

      classify (line, folded->str);
      line->raw = g_string_free (raw, FALSE);
      g_string_free (folded, TRUE);
      g_ptr_array_add (lines, line);
    }

  return g_steal_pointer (&lines);
}

static char
unescape (char c)
{
  switch (c)
    {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    default:
      return c;
    }
}

/* Splits an Environment= value into its assignments the way systemd does:
 * separated by spaces, each possibly quoted in whole or in part. */
static GPtrArray *
split_words (const char *value)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (word_free);
  const char *p = value;

  for (;;)
    {
      GString *text = g_string_new (NULL);
      const char *start;
      char quote = '\0';
      Word *word;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        {
          g_string_free (text, TRUE);
          break;
        }

      start = p;
      while (*p != '\0')
        {
          if (quote != '\0')
            {
              if (*p == quote)
                quote = '\0';
              else if (*p == '\\' && p[1] != '\0')
                g_string_append_c (text, unescape (*++p));
              else
                g_string_append_c (text, *p);
              p++;
              continue;
            }

          if (*p == ' ' || *p == '\t')
            break;
          if (*p == '"' || *p == '\'')
            quote = *p;
          else if (*p == '\\' && p[1] != '\0')
            g_string_append_c (text, unescape (*++p));
          else
            g_string_append_c (text, *p);
          p++;
        }

      word = g_new0 (Word, 1);
      word->raw = g_strndup (start, p - start);
      word->text = g_string_free (text, FALSE);
      g_ptr_array_add (words, word);
    }

  return words;
}

/* The index in owned_names of the variable @assignment sets, or -1. */
static int
owned_index (const char *assignment)
{
  const char *equals = strchr (assignment, '=');

  if (equals == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (owned_names); i++)
    if (strlen (owned_names[i]) == (gsize) (equals - assignment) &&
        strncmp (owned_names[i], assignment, equals - assignment) == 0)
      return i;

  return -1;
}

static gboolean
is_environment (const Line *line)
{
  return line->kind == LINE_ASSIGNMENT && strcmp (line->key, "Environment") == 0;
}

static gboolean
is_service (const Line *line)
{
  return line->kind == LINE_SECTION && strcmp (line->section, "Service") == 0;
}

/* The EnvironmentFile= line of Matou's own file of secrets, whatever folder
 * it names ("-" in front makes systemd skip a missing file). */
static gboolean
is_owned_environment_file (const Line *line)
{
  g_autofree char *base = NULL;
  const char *value;

  if (line->kind != LINE_ASSIGNMENT || strcmp (line->key, "EnvironmentFile") != 0)
    return FALSE;

  value = line->value;
  if (*value == '-')
    value++;
  base = g_path_get_basename (value);
  return strcmp (base, MATOU_PROXY_ENV_NAME) == 0;
}

/* A user name or a password: a user name alone (often the account) is kept
 * as private as a password. */
static gboolean
has_credentials (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  return uri != NULL && g_uri_get_userinfo (uri) != NULL && *g_uri_get_userinfo (uri) != '\0';
}

/**
 * matou_proxy_dropin_needs_env_file:
 *
 * Whether these proxy addresses carry a user name or password, which the
 * drop-in must then not show: `systemctl show` prints every Environment=
 * value to every local user, but never what an EnvironmentFile= holds.
 */
gboolean
matou_proxy_dropin_needs_env_file (const char *http,
                                   const char *https)
{
  return has_credentials (http) || has_credentials (https);
}

/**
 * matou_proxy_dropin_uses_env_file:
 * @text: (nullable): the drop-in's text
 *
 * Whether the drop-in takes the proxy from Matou's root-only file, which
 * only root can read: without it the proxy is what the daemon reports.
 */
gboolean
matou_proxy_dropin_uses_env_file (const char *text)
{
  g_autoptr(GPtrArray) lines = split_lines (text);
  gboolean in_service = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = g_ptr_array_index (lines, i);

      if (line->kind == LINE_SECTION)
        in_service = is_service (line);
      else if (in_service && is_owned_environment_file (line))
        return TRUE;
    }

  return FALSE;
}

static char *
undouble_percent (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (p[0] == '%' && p[1] == '%')
        p++;
    }

  return g_string_free (out, FALSE);
}

static char *
double_percent (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '%')
        g_string_append_c (out, '%');
    }

  return g_string_free (out, FALSE);
}

static char *
pick (char *upper,
      char *lower)
{
  if (upper != NULL && *upper != '\0')
    return g_strdup (upper);
  if (lower != NULL && *lower != '\0')
    return g_strdup (lower);
  return NULL;
}

/**
 * matou_proxy_dropin_read:
 * @text: (nullable): the drop-in's text
 * @http: (out) (optional) (nullable): the HTTP proxy
 * @https: (out) (optional) (nullable): the HTTPS proxy
 * @no: (out) (optional) (nullable): the no-proxy list
 *
 * The values the daemon would get from this drop-in: the last assignment
 * of each variable in a [Service] section, "%%" read as "%", upper case
 * before lower case, and an empty Environment= forgetting what came
 * before, as systemd and the daemon read them.
 *
 * Returns: whether any of the three is set
 */
gboolean
matou_proxy_dropin_read (const char  *text,
                         char       **http,
                         char       **https,
                         char       **no)
{
  return matou_proxy_dropin_read_with_env (text, NULL, http, https, no);
}

/**
 * matou_proxy_dropin_read_with_env:
 * @text: (nullable): the drop-in's text
 * @env_text: (nullable): the text of Matou's environment file, when the
 *   caller can read it (root only)
 *
 * As matou_proxy_dropin_read(), with what the drop-in's EnvironmentFile=
 * line for Matou's file gives: systemd lets an environment file override
 * Environment=, so its values win.
 */
gboolean
matou_proxy_dropin_read_with_env (const char  *text,
                                  const char  *env_text,
                                  char       **http,
                                  char       **https,
                                  char       **no)
{
  g_autoptr(GPtrArray) lines = split_lines (text);
  char *values[G_N_ELEMENTS (owned_names)] = { NULL, };
  gboolean in_service = FALSE;
  g_autofree char *out_http = NULL;
  g_autofree char *out_https = NULL;
  g_autofree char *out_no = NULL;
  gboolean found;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = g_ptr_array_index (lines, i);
      g_autoptr(GPtrArray) words = NULL;

      if (line->kind == LINE_SECTION)
        in_service = is_service (line);
      if (!in_service || !is_environment (line))
        continue;

      if (*line->value == '\0')
        {
          for (guint v = 0; v < G_N_ELEMENTS (values); v++)
            g_clear_pointer (&values[v], g_free);
          continue;
        }

      words = split_words (line->value);
      for (guint w = 0; w < words->len; w++)
        {
          const Word *word = g_ptr_array_index (words, w);
          int index = owned_index (word->text);

          if (index < 0)
            continue;
          g_free (values[index]);
          values[index] = undouble_percent (strchr (word->text, '=') + 1);
        }
    }

  if (env_text != NULL && matou_proxy_dropin_uses_env_file (text))
    {
      g_auto(GStrv) env_lines = g_strsplit (env_text, "\n", -1);

      for (guint i = 0; env_lines[i] != NULL; i++)
        {
          int index = owned_index (env_lines[i]);

          if (index < 0)
            continue;
          g_free (values[index]);
          values[index] = g_strdup (strchr (env_lines[i], '=') + 1);
        }
    }

  out_http = pick (values[0], values[1]);
  out_https = pick (values[2], values[3]);
  out_no = pick (values[4], values[5]);
  found = out_http != NULL || out_https != NULL || out_no != NULL;

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    g_free (values[v]);

  if (http != NULL)
    *http = g_steal_pointer (&out_http);
  if (https != NULL)
    *https = g_steal_pointer (&out_https);
  if (no != NULL)
    *no = g_steal_pointer (&out_no);

  return found;
}

/* The line kept for an Environment= line once Matou's assignments are
 * taken out of it: the original when it had none, NULL when nothing is
 * left, else the other assignments as they were written. */
static char *
without_owned (const Line *line)
{
  g_autoptr(GPtrArray) words = split_words (line->value);
  g_autoptr(GString) kept = g_string_new ("Environment=");
  guint n_kept = 0;

  for (guint w = 0; w < words->len; w++)
    {
      const Word *word = g_ptr_array_index (words, w);

      if (owned_index (word->text) >= 0)
        continue;
      if (n_kept++ > 0)
        g_string_append_c (kept, ' ');
      g_string_append (kept, word->raw);
    }

  if (n_kept == words->len)
    return g_strdup (line->raw);
  if (n_kept == 0)
    return NULL;
  /* A kept word ending in a lone backslash ("a\ " whose space was the
   * line's end) would now continue into the next line: keep its space. */
  if (ends_in_continuation (kept->str, kept->len))
    g_string_append_c (kept, ' ');
  return g_strdup (kept->str);
}

static gboolean
only_service_headers (GPtrArray *out)
{
  for (guint i = 0; i < out->len; i++)
    {
      const char *raw = g_ptr_array_index (out, i);
      g_autofree char *stripped = g_strstrip (g_strdup (raw));

      if (*stripped != '\0' && strcmp (stripped, "[Service]") != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * matou_proxy_dropin_render:
 * @existing: (nullable): the drop-in's current text, or %NULL for none
 * @http: (nullable): the HTTP proxy; %NULL or "" for none
 * @https: (nullable): the HTTPS proxy; likewise
 * @no: (nullable): the no-proxy list; likewise
 * @only_section_left: (out) (optional): set to whether the result holds
 *   nothing but blank lines and [Service] headers, so the caller can
 *   delete the file instead
 *
 * Every line Matou does not own stays, in its order: comments, other
 * sections, other Environment= assignments. Matou's own assignments are
 * taken out wherever they are and written again, one per line, at the end
 * of the last [Service] section, after anything that could reset them.
 *
 * Each value is refused, never escaped, when matou_validate_unit_safe()
 * refuses it; nothing is rendered then. "%" is written "%%", since
 * systemd reads "%" as the start of a specifier. The URLs themselves are
 * the caller's to validate (matou_validate_proxy_url()).
 *
 * Returns: (transfer full) (nullable): the new text
 */
char *
matou_proxy_dropin_render (const char  *existing,
                           const char  *http,
                           const char  *https,
                           const char  *no,
                           gboolean    *only_section_left,
                           GError     **error)
{
  return matou_proxy_dropin_render_with_env (existing, http, https, no, NULL, NULL, only_section_left, error);
}

/**
 * matou_proxy_dropin_render_with_env:
 * @env_path: (nullable): where Matou's root-only environment file goes;
 *   %NULL: always write Environment= lines
 * @env_text: (out) (optional) (nullable): the environment file's new text,
 *   %NULL when the drop-in does not use it (the file is then removed)
 *
 * As matou_proxy_dropin_render(), except that a proxy with a user name or
 * password goes, all three variables, into the environment file, and the
 * drop-in only names it with EnvironmentFile=: `systemctl show docker`
 * prints Environment= values to every local user.
 */
char *
matou_proxy_dropin_render_with_env (const char  *existing,
                                    const char  *http,
                                    const char  *https,
                                    const char  *no,
                                    const char  *env_path,
                                    char       **env_text,
                                    gboolean    *only_section_left,
                                    GError     **error)
{
  gboolean secret = env_path != NULL && matou_proxy_dropin_needs_env_file (http, https);
  g_autoptr(GString) env = g_string_new (NULL);
  const char *names[] = { "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY" };
  const char *values[] = { http, https, no };
  const char *labels[] = {
    N_("HTTP proxy: "),
    N_("HTTPS proxy: "),
    N_("No-proxy list: "),
  };
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (g_free);
  gboolean in_service = FALSE;
  int insert_at = -1;
  GString *text;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *doubled = NULL;

      if (values[i] == NULL || *values[i] == '\0')
        continue;

      if (!matou_validate_unit_safe (values[i], error))
        {
          g_prefix_error (error, "%s", _(labels[i]));
          return NULL;
        }

      if (secret)
        {
          /* An environment file has no specifiers: the value as it is. */
          g_string_append_printf (env, "%s=%s\n", names[i], values[i]);
          continue;
        }
      doubled = double_percent (values[i]);
      g_ptr_array_add (assignments, g_strdup_printf ("Environment=\"%s=%s\"", names[i], doubled));
    }

  if (secret)
    {
      if (!matou_validate_unit_safe (env_path, error))
        return NULL;
      g_ptr_array_add (assignments, g_strdup_printf ("EnvironmentFile=%s", env_path));
    }
  if (env_text != NULL)
    *env_text = secret ? g_strdup (env->str) : NULL;

  lines = split_lines (existing);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = g_ptr_array_index (lines, i);
      guint written = out->len;

      if (line->kind == LINE_SECTION)
        {
          in_service = is_service (line);
          g_ptr_array_add (out, g_strdup (line->raw));
          if (in_service)
            insert_at = out->len;
        }
      else if (in_service && is_owned_environment_file (line))
        {
          /* Matou's own: written again below when still needed. */
        }
      else if (in_service && is_environment (line) && *line->value != '\0')
        {
          char *kept = without_owned (line);

          if (kept != NULL)
            {
              g_ptr_array_add (out, kept);
              insert_at = out->len;
            }
        }
      else
        {
          g_ptr_array_add (out, g_strdup (line->raw));
          if (in_service && line->kind != LINE_BLANK)
            insert_at = out->len;
        }

      /* An empty line ends the continuation, as the end of the text did:
       * what follows stays a line of its own. (A line Matou rewrote has
       * no continuation left.) */
      if (line->dangling && out->len > written &&
          g_str_equal (g_ptr_array_index (out, out->len - 1), line->raw))
        {
          g_ptr_array_add (out, g_strdup (""));
          if (insert_at == (int) out->len - 1)
            insert_at = out->len;
        }
    }

  if (assignments->len > 0)
    {
      if (insert_at < 0)
        {
          if (out->len > 0 && *(const char *) g_ptr_array_index (out, out->len - 1) != '\0')
            g_ptr_array_add (out, g_strdup (""));
          g_ptr_array_add (out, g_strdup ("[Service]"));
          insert_at = out->len;
        }

      for (guint i = 0; i < assignments->len; i++)
        g_ptr_array_insert (out, insert_at + i, g_strdup (g_ptr_array_index (assignments, i)));
    }

  if (only_section_left != NULL)
    *only_section_left = only_service_headers (out);

  text = g_string_new (NULL);
  for (guint i = 0; i < out->len; i++)
    {
      g_string_append (text, g_ptr_array_index (out, i));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/**
 * matou_proxy_dropin_clear:
 * @existing: (nullable): the drop-in's current text
 * @only_section_left: (out) (optional): as for matou_proxy_dropin_render()
 *
 * The drop-in without Matou's proxy variables, every other line kept.
 *
 * Returns: (transfer full): the new text
 */
char *
matou_proxy_dropin_clear (const char *existing,
                          gboolean   *only_section_left)
{
  return matou_proxy_dropin_render (existing, NULL, NULL, NULL, only_section_left, NULL);
}
