/* Proxy credentials: masked as the daemon shows them, and split from the URL for the keyring. */
#include "config.h"

#include "matou-credentials.h"

/**
 * matou_mask_credentials:
 * @url: (nullable): a proxy URL, perhaps with user and password
 *
 * Masks the user information the way dockerd does for `/info`
 * (`http://xxxxx:xxxxx@host:port`), so that what was asked can be compared
 * with what the daemon reports, and shown without the password.
 *
 * Returns: (transfer full) (nullable): the masked URL; @url itself when it
 *   has no user information or does not parse
 */
char *
matou_mask_credentials (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) masked = NULL;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_userinfo (uri) == NULL)
    return g_strdup (url);

  masked = g_uri_build (G_URI_FLAGS_ENCODED,
                        g_uri_get_scheme (uri), "xxxxx:xxxxx",
                        g_uri_get_host (uri), g_uri_get_port (uri),
                        g_uri_get_path (uri), g_uri_get_query (uri), g_uri_get_fragment (uri));

  return g_uri_to_string (masked);
}

/**
 * matou_credentials_split:
 * @url: (nullable): a proxy URL, perhaps with user and password
 * @password: (out) (optional): the password, still percent-encoded, or %NULL
 *
 * Takes the password out of a proxy URL, so that the URL can be kept in
 * GSettings and the password in the user's keyring.
 *
 * Returns: (transfer full) (nullable): @url without its password (the user
 *   name stays); @url itself when it has none or does not parse
 */
char *
matou_credentials_split (const char  *url,
                         char       **password)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) bare = NULL;

  if (password != NULL)
    *password = NULL;
  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri == NULL || g_uri_get_password (uri) == NULL)
    return g_strdup (url);

  if (password != NULL)
    *password = g_strdup (g_uri_get_password (uri));
  bare = g_uri_build_with_user (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD,
                                g_uri_get_scheme (uri), g_uri_get_user (uri), NULL, NULL,
                                g_uri_get_host (uri), g_uri_get_port (uri),
                                g_uri_get_path (uri), g_uri_get_query (uri), g_uri_get_fragment (uri));

  return g_uri_to_string (bare);
}

/**
 * matou_credentials_join:
 * @url: a proxy URL with a user and no password
 * @password: (nullable): the password, percent-encoded as it was in the URL
 *
 * Puts back what matou_credentials_split() took out.
 *
 * Returns: (transfer full): the whole URL; @url itself when there is no
 *   password to add, or no user to add it to
 */
char *
matou_credentials_join (const char *url,
                        const char *password)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) whole = NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (password == NULL || uri == NULL || g_uri_get_user (uri) == NULL || g_uri_get_password (uri) != NULL)
    return g_strdup (url);

  whole = g_uri_build_with_user (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD,
                                 g_uri_get_scheme (uri), g_uri_get_user (uri), password, NULL,
                                 g_uri_get_host (uri), g_uri_get_port (uri),
                                 g_uri_get_path (uri), g_uri_get_query (uri), g_uri_get_fragment (uri));

  return g_uri_to_string (whole);
}

/**
 * matou_credentials_wants_password:
 *
 * Whether @url names a user but carries no password: one the keyring may
 * complete.
 */
gboolean
matou_credentials_wants_password (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);

  return uri != NULL && g_uri_get_user (uri) != NULL && g_uri_get_password (uri) == NULL;
}

/**
 * matou_credentials_are_masked:
 *
 * Whether @url carries the daemon's mask, xxxxx:xxxxx, in place of a user
 * name and password: a URL read from /info that cannot be written back.
 */
gboolean
matou_credentials_are_masked (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || *url == '\0')
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  return uri != NULL && g_strcmp0 (g_uri_get_userinfo (uri), "xxxxx:xxxxx") == 0;
}
