/* DNS answers from any server on the network: the first byte picks the question (A or AAAA), the rest is the packet. */
#include "fuzz-common.h"
#include "matou-dns-probe-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MatouDnsReply) reply = NULL;
  guint16 qtype;
  /* A copy of exactly the packet, so that a read past its end is seen. */
  g_autofree guint8 *packet = NULL;

  if (size < 1)
    return 0;
  qtype = (data[0] & 1) ? MATOU_DNS_TYPE_AAAA : MATOU_DNS_TYPE_A;
  packet = g_memdup2 (data + 1, size - 1);

  reply = matou_dns_parse_reply (packet, size - 1, "registry-1.docker.io", qtype);
  if (reply == NULL)
    return 0;

  FUZZ_CHECK (reply->addresses != NULL);
  for (guint i = 0; i < reply->addresses->len; i++)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (reply->addresses->pdata[i]);

      FUZZ_CHECK (address != NULL);
      FUZZ_CHECK (g_inet_address_get_family (address) ==
                  (qtype == MATOU_DNS_TYPE_A ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6));
    }
  if (reply->canonical_name != NULL)
    FUZZ_CHECK (g_utf8_validate (reply->canonical_name, -1, NULL));

  return 0;
}
