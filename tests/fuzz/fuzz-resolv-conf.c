/* resolv.conf, as any program on the system may write it: every server read is an address. */
#include <string.h>

#include <gio/gio.h>

#include "fuzz-common.h"
#include "matou-dns-probe.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_auto(GStrv) servers = NULL;
  gboolean stub = TRUE;
  gboolean any_loopback = FALSE;

  servers = matou_parse_resolv_conf (input, &stub);
  FUZZ_CHECK (servers != NULL);
  for (guint i = 0; servers[i] != NULL; i++)
    {
      g_autofree char *bare = g_strdup (servers[i]);
      g_autoptr(GInetAddress) address = NULL;
      char *zone = strchr (bare, '%');

      if (zone != NULL)
        *zone = '\0';
      address = g_inet_address_new_from_string (bare);
      FUZZ_CHECK (address != NULL);
      any_loopback |= g_inet_address_get_is_loopback (address);
    }
  FUZZ_CHECK (stub == any_loopback);

  return 0;
}
