/* The Engine API's /info and /version replies, from whatever answers on the socket: parsed, and their version numbers read. */
#include "fuzz-common.h"
#include "matou-engine-info.h"
#include "matou-proxy-dropin.h"

static void
check_version_text (const char *text)
{
  guint major = 0, minor = 0;

  if (text == NULL)
    return;
  FUZZ_CHECK (g_utf8_validate (text, -1, NULL));
  if (matou_parse_version (text, &major, &minor))
    FUZZ_CHECK (matou_version_at_least (text, major, minor));
  matou_proxy_target_for_engine (text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autoptr(GError) info_error = NULL;
  g_autoptr(GError) version_error = NULL;
  g_autoptr(MatouEngineInfo) info = matou_engine_info_new_from_data (input, size, &info_error);
  g_autoptr(MatouEngineVersion) version = matou_engine_version_new_from_data (input, size, &version_error);

  FUZZ_CHECK ((info == NULL) == (info_error != NULL));
  FUZZ_CHECK ((version == NULL) == (version_error != NULL));

  if (info != NULL)
    {
      check_version_text (info->server_version);
      for (guint i = 0; info->mirrors != NULL && info->mirrors[i] != NULL; i++)
        FUZZ_CHECK (g_utf8_validate (info->mirrors[i], -1, NULL));
    }
  if (version != NULL)
    {
      check_version_text (version->version);
      check_version_text (version->api_version);
    }

  return 0;
}
