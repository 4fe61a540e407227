/* The proxy drop-in, as anyone may have edited it: read; rewritten with Matou's proxy it reads back as that proxy, and again gives the same text; cleared, it reads as no proxy. */
#include <string.h>

#include "fuzz-common.h"
#include "matou-proxy-dropin.h"

static void
check_reads (const char *text,
             const char *http,
             const char *https,
             const char *no)
{
  g_autofree char *got_http = NULL, *got_https = NULL, *got_no = NULL;
  gboolean any = matou_proxy_dropin_read (text, &got_http, &got_https, &got_no);

  FUZZ_CHECK (any == (http != NULL || https != NULL || no != NULL));
  FUZZ_CHECK (g_strcmp0 (got_http, http) == 0);
  FUZZ_CHECK (g_strcmp0 (got_https, https) == 0);
  FUZZ_CHECK (g_strcmp0 (got_no, no) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *rendered_again = NULL;
  g_autofree char *cleared = NULL;
  g_autoptr(GError) error = NULL;
  gboolean only_section = FALSE;
  const char *new_http = "http://user:p%40ss@proxy.example:3128";
  const char *new_no = "localhost,.example.com";

  /* Text with a NUL in it is cut there, as systemd would refuse it. */
  matou_proxy_dropin_read (input, &http, &https, &no);

  rendered = matou_proxy_dropin_render (input, new_http, NULL, new_no, &only_section, &error);
  FUZZ_CHECK (rendered != NULL);
  FUZZ_CHECK (!only_section);
  check_reads (rendered, new_http, NULL, new_no);

  rendered_again = matou_proxy_dropin_render (rendered, new_http, NULL, new_no, NULL, &error);
  FUZZ_CHECK (rendered_again != NULL);
  FUZZ_CHECK (g_str_equal (rendered, rendered_again));

  cleared = matou_proxy_dropin_clear (input, &only_section);
  FUZZ_CHECK (cleared != NULL);
  check_reads (cleared, NULL, NULL, NULL);

  return 0;
}
