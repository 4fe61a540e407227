/* The DNS message code of matou-dns-probe.c, open to the unit tests (and a fuzzer). */
#pragma once

#include "matou-dns-probe.h"

G_BEGIN_DECLS

#define MATOU_DNS_TYPE_A     1
#define MATOU_DNS_TYPE_CNAME 5
#define MATOU_DNS_TYPE_AAAA  28

#define MATOU_DNS_RCODE_NOERROR  0
#define MATOU_DNS_RCODE_FORMERR  1
#define MATOU_DNS_RCODE_SERVFAIL 2
#define MATOU_DNS_RCODE_NXDOMAIN 3
#define MATOU_DNS_RCODE_NOTIMP   4
#define MATOU_DNS_RCODE_REFUSED  5

/* A query for @name (a host name, already in ASCII) of @qtype, with
 * recursion desired. NULL when @name is not a valid DNS name. */
GBytes   *matou_dns_build_query (guint16      id,
                                 const char  *name,
                                 guint16      qtype);

typedef struct {
  guint16    id;
  guint      rcode;
  gboolean   truncated;
  GPtrArray *addresses;       /* char *, the A or AAAA records of @name or of its CNAME chain */
  char      *canonical_name;  /* end of the CNAME chain, NULL when none */
} MatouDnsReply;

void      matou_dns_reply_free  (MatouDnsReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouDnsReply, matou_dns_reply_free)

/* Parses an answer to the query for @name of @qtype. NULL when @data is
 * not such an answer (too short, not a response, pointer loops, records
 * running past the end, another question). Never reads outside @data. */
MatouDnsReply *matou_dns_parse_reply (const guint8 *data,
                                      gsize         length,
                                      const char   *name,
                                      guint16       qtype);

G_END_DECLS
