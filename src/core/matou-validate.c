/* Validation rules for the daemon settings, shared by the GUI (as the user types) and the root helper (before it writes). */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-validate.h"

/* Longest stretch of a value repeated in a message; the rest is elided so a
 * pasted paragraph does not flood the form. */
#define SHOWN_MAX_CHARS 64

typedef enum {
  UNSAFE_NONE,
  UNSAFE_NOT_UTF8,
  UNSAFE_LINE_BREAK,
  UNSAFE_TAB,
  UNSAFE_SPACE,
  UNSAFE_DOUBLE_QUOTE,
  UNSAFE_SINGLE_QUOTE,
  UNSAFE_BACKSLASH,
  UNSAFE_CONTROL,
  UNSAFE_INVISIBLE,
} Unsafe;

static gboolean
fail_literal (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE, message);
  return FALSE;
}

/* Finds the first character that could break out of a quoted value in a
 * systemd unit file, or that nobody can see in a form. @position counts
 * characters from 1, as a user would. */
static Unsafe
find_unsafe (const char *value,
             guint      *position)
{
  guint n = 1;

  *position = 0;
  if (!g_utf8_validate (value, -1, NULL))
    return UNSAFE_NOT_UTF8;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      *position = n;
      if (c == '\n' || c == '\r' || type == G_UNICODE_LINE_SEPARATOR ||
          type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return UNSAFE_LINE_BREAK;
      if (c == '\t')
        return UNSAFE_TAB;
      if (c == '"')
        return UNSAFE_DOUBLE_QUOTE;
      if (c == '\'')
        return UNSAFE_SINGLE_QUOTE;
      if (c == '\\')
        return UNSAFE_BACKSLASH;
      if (g_unichar_iscntrl (c))
        return UNSAFE_CONTROL;
      if (g_unichar_isspace (c) || type == G_UNICODE_SPACE_SEPARATOR)
        return UNSAFE_SPACE;
      if (type == G_UNICODE_FORMAT)
        return UNSAFE_INVISIBLE;
    }

  *position = 0;
  return UNSAFE_NONE;
}

static const char *
unsafe_description (Unsafe unsafe)
{
  switch (unsafe)
    {
    case UNSAFE_LINE_BREAK:
      /* Translators: this and the next few complete “… contains %s (character N)”. */
      return _("a line break");
    case UNSAFE_TAB:
      return _("a tab");
    case UNSAFE_SPACE:
      return _("a space");
    case UNSAFE_DOUBLE_QUOTE:
      return _("a double quote (\")");
    case UNSAFE_SINGLE_QUOTE:
      return _("a single quote (')");
    case UNSAFE_BACKSLASH:
      return _("a backslash (\\)");
    case UNSAFE_INVISIBLE:
      return _("an invisible character");
    case UNSAFE_CONTROL:
    case UNSAFE_NOT_UTF8:
    case UNSAFE_NONE:
    default:
      return _("a control character");
    }
}

/* Text handed to these functions may not even parse as a URL, yet a
 * password typed into it must not appear in a message: hide whatever sits
 * between the first ':' of the authority and its '@'. */
static char *
mask_password (const char *value)
{
  const char *authority = strstr (value, "://");
  const char *end;
  const char *at;
  const char *colon;

  if (authority == NULL)
    return g_strdup (value);

  authority += 3;
  end = authority + strcspn (authority, "/?#");
  at = g_strrstr_len (authority, end - authority, "@");
  if (at == NULL)
    return g_strdup (value);

  colon = memchr (authority, ':', at - authority);
  if (colon == NULL)
    return g_strdup (value);

  return g_strdup_printf ("%.*sxxxxx%s", (int) (colon + 1 - value), value, at);
}

/* How a value appears inside a message: password hidden, control
 * characters made visible, long values cut. */
static char *
describe_value (const char *value)
{
  g_autofree char *masked = mask_password (value);
  g_autofree char *valid = g_utf8_make_valid (masked, -1);
  GString *shown = g_string_new (NULL);
  guint count = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), count++)
    {
      gunichar c = g_utf8_get_char (p);

      if (count == SHOWN_MAX_CHARS)
        {
          g_string_append (shown, "…");
          break;
        }

      if (c == '\n')
        g_string_append (shown, "\\n");
      else if (c == '\r')
        g_string_append (shown, "\\r");
      else if (c == '\t')
        g_string_append (shown, "\\t");
      else if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_printf (shown, "\\u%04X", c);
      else
        g_string_append_unichar (shown, c);
    }

  return g_string_free (shown, FALSE);
}

/**
 * matou_value_is_unit_safe:
 * @value: (nullable): a value that may be written into a systemd unit file
 *
 * A value is safe when it holds no control character (line breaks and tabs
 * included), no space, no quote and no backslash, and is valid UTF-8. Such a
 * value cannot end its quoted string or start a new directive, so it can
 * be written between quotes as it is. Unsafe values are refused, never
 * escaped: an escaped value would no longer be the URL the user typed.
 */
gboolean
matou_value_is_unit_safe (const char *value)
{
  guint position;

  if (value == NULL)
    return TRUE;

  return find_unsafe (value, &position) == UNSAFE_NONE;
}

/**
 * matou_validate_unit_safe:
 *
 * matou_value_is_unit_safe() with a message that says which character is
 * wrong, where, and why it is refused. The value itself is not repeated:
 * it may hold a password.
 */
gboolean
matou_validate_unit_safe (const char  *value,
                          GError     **error)
{
  guint position;
  Unsafe unsafe;

  if (value == NULL)
    return TRUE;

  unsafe = find_unsafe (value, &position);
  if (unsafe == UNSAFE_NONE)
    return TRUE;

  if (unsafe == UNSAFE_NOT_UTF8)
    return fail_literal (error, _("The value is not valid UTF-8 text: type it again."));

  return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                     /* Translators: the first %s is one of “a line break”, “a space”, … */
                     _("The value contains %s (character %u). Proxy settings may be written into a systemd unit file, where such a character could add settings of its own, so Matou refuses it: remove it."),
                     unsafe_description (unsafe), position);
}

/* The DNS limits, 63 bytes a label and 253 in all (in the IDNA form), which
 * a resolver enforces anyway: a longer name can never be reached, and an
 * endless one would be written into the daemon's files. */
static gboolean
host_length_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;
  gsize len;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  if (!g_str_is_ascii (host))
    {
      ascii = g_hostname_to_ascii (host);
      if (ascii == NULL)
        return FALSE;
      host = ascii;
    }

  len = strlen (host);
  if (len > 0 && host[len - 1] == '.')
    len--;
  if (len > 253)
    return FALSE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    if (strlen (labels[i]) > 63)
      return FALSE;

  return TRUE;
}

static gboolean
is_mirror_scheme (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "https") == 0 ||
         g_ascii_strcasecmp (scheme, "http") == 0;
}

/* What can be wrong with a mirror's or a proxy's address before its own
 * rules apply, found in this order; each caller words it for its field. */
typedef enum {
  ADDRESS_OK,
  ADDRESS_NO_SCHEME,       /* no “://” */
  ADDRESS_BAD_PORT,        /* outside 1–65535 */
  ADDRESS_UNPARSABLE,      /* the parse error says why */
  ADDRESS_WRONG_SCHEME,    /* not one @scheme_ok accepts */
  ADDRESS_NO_HOST,
  ADDRESS_HOST_TOO_LONG,
} AddressProblem;

static AddressProblem
parse_address (const char  *url,
               gboolean   (*scheme_ok) (const char *scheme),
               GUri       **uri,
               GError     **parse_error)
{
  const char *host;

  if (strstr (url, "://") == NULL)
    return ADDRESS_NO_SCHEME;

  *uri = g_uri_parse (url, G_URI_FLAGS_NONE, parse_error);
  if (*uri == NULL)
    return g_error_matches (*parse_error, G_URI_ERROR, G_URI_ERROR_BAD_PORT) ? ADDRESS_BAD_PORT : ADDRESS_UNPARSABLE;

  if (!scheme_ok (g_uri_get_scheme (*uri)))
    return ADDRESS_WRONG_SCHEME;

  host = g_uri_get_host (*uri);
  if (host == NULL || *host == '\0')
    return ADDRESS_NO_HOST;

  if (!host_length_is_valid (host))
    return ADDRESS_HOST_TOO_LONG;

  if (g_uri_get_port (*uri) == 0)
    return ADDRESS_BAD_PORT;

  return ADDRESS_OK;
}

static gboolean
fail_host_too_long (GError     **error,
                    const char  *shown)
{
  return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                     _("“%s” has a host name longer than DNS allows (63 characters between dots, 253 in all), so it cannot be reached: check the address."),
                     shown);
}

/**
 * matou_validate_mirror:
 * @url: a registry mirror as the user typed it
 * @allow_path: whether the Engine accepts a path (Engine 25.0 and later)
 *
 * Applies the rules of the Engine's own ValidateMirror, so that the daemon
 * never refuses to start or reload over a mirror Matou accepted.
 */
gboolean
matou_validate_mirror (const char  *url,
                       gboolean     allow_path,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;
  const char *path;
  guint position;
  Unsafe unsafe;

  if (url == NULL || *url == '\0')
    return fail_literal (error, _("Enter a mirror address, such as https://docker.1ms.run."));

  shown = describe_value (url);

  unsafe = find_unsafe (url, &position);
  if (unsafe == UNSAFE_NOT_UTF8)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE, _("“%s” is not valid UTF-8 text: type it again."), shown);
  if (unsafe != UNSAFE_NONE)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       /* Translators: the second %s is one of “a line break”, “a space”, … */
                       _("“%s” contains %s (character %u): a mirror address has no spaces, quotes, backslashes or control characters. Remove it."),
                       shown, unsafe_description (unsafe), position);

  switch (parse_address (url, is_mirror_scheme, &uri, &local_error))
    {
    case ADDRESS_OK:
      break;
    case ADDRESS_NO_SCHEME:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” is not a mirror address: put https:// in front, as in https://%s."),
                         shown, shown);
    case ADDRESS_BAD_PORT:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has a port outside 1–65535: use the mirror’s real port, or leave the port out."),
                         shown);
    case ADDRESS_UNPARSABLE:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” is not a valid address (%s): use an http:// or https:// URL such as https://docker.1ms.run."),
                         shown, local_error->message);
    case ADDRESS_WRONG_SCHEME:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” is not a mirror address: use an http:// or https:// URL such as https://docker.1ms.run."),
                         shown);
    case ADDRESS_NO_HOST:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has no host name: write the mirror’s address after https://, as in https://docker.1ms.run."),
                         shown);
    case ADDRESS_HOST_TOO_LONG:
      return fail_host_too_long (error, shown);
    }

  if (g_uri_get_userinfo (uri) != NULL)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” contains a user name or password, which a mirror address cannot carry: remove the part up to “@”. For a registry that needs a login, use “docker login”."),
                       shown);

  if (g_uri_get_query (uri) != NULL)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” has a query (from “?” on), which Docker refuses in a mirror address: remove it."),
                       shown);

  if (g_uri_get_fragment (uri) != NULL)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” has a fragment (from “#” on), which Docker refuses in a mirror address: remove it."),
                       shown);

  path = g_uri_get_path (uri);
  if (!allow_path && *path != '\0' && strcmp (path, "/") != 0)
    {
      g_autofree char *shown_path = describe_value (path);

      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has a path (%s): Docker Engine before 25.0 accepts only the address itself, such as https://docker.1ms.run. Remove the path, or update Docker Engine."),
                         shown, shown_path);
    }

  return TRUE;
}

/**
 * matou_mirror_normalise:
 * @url: a valid mirror address
 *
 * The form two mirrors are compared in: scheme and host in lower case,
 * without one trailing “/”. The daemon itself reports mirrors with a
 * trailing “/” added, so this also matches a mirror against /info.
 *
 * Returns: (transfer full) (nullable): the normalised address, or %NULL
 *   when @url does not parse
 */
char *
matou_mirror_normalise (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  char *joined;
  gsize len;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  joined = g_uri_join (G_URI_FLAGS_NONE, scheme, g_uri_get_userinfo (uri), host,
                       g_uri_get_port (uri), g_uri_get_path (uri),
                       g_uri_get_query (uri), g_uri_get_fragment (uri));

  len = strlen (joined);
  if (len > 0 && joined[len - 1] == '/')
    joined[len - 1] = '\0';

  return joined;
}

/**
 * matou_validate_mirror_list:
 * @urls: (nullable): the mirrors, in the order the daemon tries them
 *
 * Each mirror must be valid and appear once: the daemon would try a
 * repeated mirror twice before falling back to Docker Hub.
 */
gboolean
matou_validate_mirror_list (const char * const  *urls,
                            gboolean             allow_path,
                            GError             **error)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  if (urls == NULL)
    return TRUE;

  for (guint i = 0; urls[i] != NULL; i++)
    {
      char *normal;

      if (!matou_validate_mirror (urls[i], allow_path, error))
        {
          g_prefix_error (error, _("Mirror %u: "), i + 1);
          return FALSE;
        }

      normal = matou_mirror_normalise (urls[i]);
      for (guint j = 0; j < seen->len; j++)
        {
          if (g_strcmp0 (g_ptr_array_index (seen, j), normal) == 0)
            {
              g_autofree char *shown = describe_value (urls[i]);

              g_free (normal);
              return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                                 _("Mirror %u, “%s”, is the same as mirror %u: remove one of them."),
                                 i + 1, shown, j + 1);
            }
        }
      g_ptr_array_add (seen, normal);
    }

  return TRUE;
}

/* "1.2.3.4:53" and "[2400:3200::1]:53": addresses a user may paste with a
 * port, which the dns setting has no room for. */
static gboolean
looks_like_address_with_port (const char *text)
{
  g_autofree char *address = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  const char *colon;

  if (text[0] == '[')
    {
      const char *close = strstr (text, "]:");

      if (close == NULL)
        return FALSE;
      address = g_strndup (text + 1, close - text - 1);
    }
  else
    {
      colon = strchr (text, ':');
      if (colon == NULL || strchr (colon + 1, ':') != NULL)
        return FALSE;
      address = g_strndup (text, colon - text);
    }

  inet = g_inet_address_new_from_string (address);
  return inet != NULL;
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      return TRUE;
  return FALSE;
}

/**
 * matou_validate_dns:
 * @address: an IPv4 or IPv6 address
 *
 * The daemon's dns setting takes IP addresses only: no names, no ports.
 */
gboolean
matou_validate_dns (const char  *address,
                    GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autofree char *shown = NULL;
  guint position;
  Unsafe unsafe;

  if (address == NULL || *address == '\0')
    return fail_literal (error, _("Enter the IP address of a DNS server, such as 223.5.5.5."));

  shown = describe_value (address);

  unsafe = find_unsafe (address, &position);
  if (unsafe == UNSAFE_NOT_UTF8)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE, _("“%s” is not valid UTF-8 text: type it again."), shown);
  if (unsafe != UNSAFE_NONE)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       /* Translators: the second %s is one of “a line break”, “a space”, … */
                       _("“%s” contains %s (character %u): write the IP address alone, such as 223.5.5.5."),
                       shown, unsafe_description (unsafe), position);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      if (looks_like_address_with_port (address))
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("“%s” has a port, but Docker always asks DNS servers on port 53: write the address alone, such as 223.5.5.5."),
                           shown);
      if (has_letter (address) && strchr (address, ':') == NULL)
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("“%s” is a name, not an IP address: Docker’s DNS setting takes IP addresses only, such as 223.5.5.5 or 2400:3200::1."),
                           shown);
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” is not an IP address: write an IPv4 or IPv6 address, such as 223.5.5.5 or 2400:3200::1."),
                         shown);
    }

  if (g_inet_address_get_is_any (inet))
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” is not the address of any DNS server: use a real server’s address, such as 223.5.5.5."),
                       shown);

  return TRUE;
}

/**
 * matou_validate_dns_list:
 * @addresses: (nullable): the DNS servers, in order
 *
 * Each address must be valid and appear once; “::ffff:1.2.3.4” and
 * “1.2.3.4” are different addresses here, as they are to the resolver.
 */
gboolean
matou_validate_dns_list (const char * const  *addresses,
                         GError             **error)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);

  if (addresses == NULL)
    return TRUE;

  for (guint i = 0; addresses[i] != NULL; i++)
    {
      GInetAddress *inet;

      if (!matou_validate_dns (addresses[i], error))
        {
          g_prefix_error (error, _("DNS server %u: "), i + 1);
          return FALSE;
        }

      inet = g_inet_address_new_from_string (addresses[i]);
      for (guint j = 0; j < seen->len; j++)
        {
          if (g_inet_address_equal (g_ptr_array_index (seen, j), inet))
            {
              g_autofree char *shown = describe_value (addresses[i]);

              g_object_unref (inet);
              return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                                 _("DNS server %u, “%s”, is the same address as server %u: remove one of them."),
                                 i + 1, shown, j + 1);
            }
        }
      g_ptr_array_add (seen, inet);
    }

  return TRUE;
}

static gboolean
is_proxy_scheme (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "http") == 0 ||
         g_ascii_strcasecmp (scheme, "https") == 0 ||
         g_ascii_strcasecmp (scheme, "socks5") == 0 ||
         g_ascii_strcasecmp (scheme, "socks5h") == 0;
}

/**
 * matou_validate_proxy_url:
 * @url: a proxy address such as http://user:password@proxy:3128
 *
 * The value may end up in a systemd unit file, so it is checked with
 * matou_validate_unit_safe() first.
 */
gboolean
matou_validate_proxy_url (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;
  const char *path;

  if (url == NULL || *url == '\0')
    return fail_literal (error, _("Enter a proxy address, such as http://127.0.0.1:7890."));

  if (!matou_validate_unit_safe (url, error))
    return FALSE;

  shown = describe_value (url);

  switch (parse_address (url, is_proxy_scheme, &uri, &local_error))
    {
    case ADDRESS_OK:
      break;
    case ADDRESS_NO_SCHEME:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” needs http://, https:// or socks5:// in front, as in http://%s."),
                         shown, shown);
    case ADDRESS_BAD_PORT:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has a port outside 1–65535: use the proxy’s real port, such as 7890."),
                         shown);
    case ADDRESS_UNPARSABLE:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” is not a valid address (%s): write it as http://HOST:PORT, such as http://127.0.0.1:7890."),
                         shown, local_error->message);
    case ADDRESS_WRONG_SCHEME:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” starts with %s://, which Docker cannot use for a proxy: use http://, https:// or socks5://."),
                         shown, g_uri_get_scheme (uri));
    case ADDRESS_NO_HOST:
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has no host name: write the proxy’s address after the scheme, as in http://127.0.0.1:7890."),
                         shown);
    case ADDRESS_HOST_TOO_LONG:
      return fail_host_too_long (error, shown);
    }

  /* The daemon shows a proxy's credentials as xxxxx:xxxxx; written back, they would replace the real ones. */
  if (g_strcmp0 (g_uri_get_userinfo (uri), "xxxxx:xxxxx") == 0)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” holds “xxxxx:xxxxx”, the way Docker hides a proxy’s user name and password, not the real ones: type the user name and password again."),
                       shown);

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” has a query or fragment (from “?” or “#” on), but a proxy address ends after the port: remove it."),
                       shown);

  path = g_uri_get_path (uri);
  if (*path != '\0' && strcmp (path, "/") != 0)
    {
      g_autofree char *shown_path = describe_value (path);

      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has a path (%s), but a proxy address ends after the port: remove the path."),
                         shown, shown_path);
    }

  return TRUE;
}

static gboolean
parse_port (const char *text)
{
  guint64 port;

  return g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL);
}

/* Labels of letters, digits, '-' and '_' (some internal names use it),
 * as host names are written in no-proxy lists. Non-ASCII names are checked
 * in their IDNA form. */
static gboolean
hostname_is_valid (const char *name)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;
  gsize len;

  if (!g_str_is_ascii (name))
    {
      ascii = g_hostname_to_ascii (name);
      if (ascii == NULL)
        return FALSE;
      name = ascii;
    }

  len = strlen (name);
  if (len == 0 || len > 253)
    return FALSE;

  labels = g_strsplit (name, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize label_len = strlen (label);

      if (label_len == 0 || label_len > 63)
        return FALSE;
      if (label[0] == '-' || label[label_len - 1] == '-')
        return FALSE;
      for (const char *p = label; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          return FALSE;
    }

  return TRUE;
}

static char *
network_address (GInetAddress *inet,
                 guint         prefix)
{
  guint8 bytes[16];
  gsize size = g_inet_address_get_native_size (inet);
  g_autoptr(GInetAddress) network = NULL;

  memcpy (bytes, g_inet_address_to_bytes (inet), size);
  for (gsize bit = prefix; bit < size * 8; bit++)
    bytes[bit / 8] &= ~(0x80 >> (bit % 8));

  network = g_inet_address_new_from_bytes (bytes, g_inet_address_get_family (inet));
  return g_inet_address_to_string (network);
}

static gboolean
validate_network (const char  *entry,
                  const char  *shown,
                  GError     **error)
{
  const char *slash = strchr (entry, '/');
  g_autofree char *address = g_strndup (entry, slash - entry);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GInetAddressMask) mask = NULL;
  guint64 prefix;
  guint bits;

  if (inet == NULL)
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” is not a network: write an IP address, “/” and a prefix length, such as 10.0.0.0/8 or fd00::/8."),
                       shown);

  /* Checked here rather than left to GInetAddressMask, which warns
   * instead of failing on a length its property cannot hold. */
  bits = g_inet_address_get_native_size (inet) * 8;
  if (!g_ascii_string_to_unsigned (slash + 1, 10, 0, bits, &prefix, NULL))
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” has a prefix length that is not a number from 0 to %u: use one in that range, such as 10.0.0.0/8."),
                       shown, bits);

  mask = g_inet_address_mask_new (inet, prefix, NULL);
  if (mask == NULL)
    {
      g_autofree char *network = network_address (inet, prefix);

      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         _("“%s” has address bits set beyond the first %u: write the network’s own address, %s/%u."),
                         shown, (guint) prefix, network, (guint) prefix);
    }

  return TRUE;
}

static gboolean
validate_no_proxy_entry (const char  *entry,
                         GError     **error)
{
  g_autofree char *shown = describe_value (entry);
  g_autoptr(GInetAddress) inet = NULL;
  g_autofree char *host = NULL;
  const char *name;
  const char *colon;

  if (strchr (entry, '/') != NULL)
    return validate_network (entry, shown, error);

  if (entry[0] == '[')
    {
      const char *close = strchr (entry, ']');
      g_autofree char *inside = NULL;
      g_autoptr(GInetAddress) v6 = NULL;

      if (close != NULL)
        {
          inside = g_strndup (entry + 1, close - entry - 1);
          v6 = g_inet_address_new_from_string (inside);
        }
      if (v6 == NULL || g_inet_address_get_family (v6) != G_SOCKET_FAMILY_IPV6)
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("“%s” is not an IPv6 address in brackets: write it as [ADDRESS] or [ADDRESS]:PORT, such as [2001:db8::1]:8080."),
                           shown);
      if (close[1] == '\0')
        return TRUE;
      if (close[1] != ':' || !parse_port (close + 2))
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("“%s” has a port outside 1–65535: use a real port, or leave the port out."),
                           shown);
      return TRUE;
    }

  inet = g_inet_address_new_from_string (entry);
  if (inet != NULL)
    return TRUE;

  colon = strrchr (entry, ':');
  if (colon != NULL)
    {
      host = g_strndup (entry, colon - entry);
      if (strchr (host, ':') != NULL)
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("“%s” looks like an IPv6 address with a port: write it as [ADDRESS]:PORT, such as [2001:db8::1]:8080."),
                           shown);
      if (!parse_port (colon + 1))
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("“%s” has a port outside 1–65535: use a real port, or leave the port out."),
                           shown);
    }
  else
    {
      host = g_strdup (entry);
    }

  if (g_str_has_prefix (host, "*."))
    name = host + 2;
  else if (host[0] == '.')
    name = host + 1;
  else
    name = host;

  if (!hostname_is_valid (name))
    return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                       _("“%s” is not a host name, domain (.example.com), IP address or network (10.0.0.0/8): check the spelling."),
                       shown);

  return TRUE;
}

/**
 * matou_validate_no_proxy:
 * @list: (nullable): comma-separated addresses that bypass the proxy
 *
 * Entries are host names, domains (“.corp” or “*.corp”), IP addresses,
 * networks (“10.0.0.0/8”), any of these but a network with “:PORT”, or
 * “*” alone. An empty list is valid and means no exceptions; an empty
 * entry is not, since it usually hides a typing mistake.
 *
 * The list may end up in a systemd unit file, so it is checked with
 * matou_validate_unit_safe() first: “a, b” is refused for its space.
 */
gboolean
matou_validate_no_proxy (const char  *list,
                         GError     **error)
{
  g_auto(GStrv) entries = NULL;

  if (list == NULL || *list == '\0')
    return TRUE;

  if (!matou_validate_unit_safe (list, error))
    return FALSE;

  if (strcmp (list, "*") == 0)
    return TRUE;

  entries = g_strsplit (list, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *entry = entries[i];

      if (*entry == '\0')
        return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                           _("Entry %u of the no-proxy list is empty: remove the extra comma."),
                           i + 1);

      if (strcmp (entry, "*") == 0)
        return fail_literal (error,
                             _("“*” turns the proxy off for every address, so it can only stand alone: remove the other entries, or remove “*”."));

      if (!validate_no_proxy_entry (entry, error))
        {
          g_prefix_error (error, _("No-proxy entry %u: "), i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * matou_validate_proxy_fields:
 *
 * A proxy's three fields, each of which may be empty (or NULL): the HTTP
 * and HTTPS addresses and the list reached directly. Whether one address
 * at least is needed is the caller's rule.
 */
gboolean
matou_validate_proxy_fields (const char  *http,
                             const char  *https,
                             const char  *no,
                             GError     **error)
{
  return (http == NULL || *http == '\0' || matou_validate_proxy_url (http, error)) &&
         (https == NULL || *https == '\0' || matou_validate_proxy_url (https, error)) &&
         (no == NULL || *no == '\0' || matou_validate_no_proxy (no, error));
}
