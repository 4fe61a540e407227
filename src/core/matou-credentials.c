/* Proxy credentials as the daemon shows them: masked. */
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
