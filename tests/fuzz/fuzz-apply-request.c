/* The apply request the helper reads as root: parsed, validated for old and new Engines, and written back to the same request. */
#include <string.h>

#include "fuzz-common.h"
#include "matou-apply-request.h"
#include "matou-error.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouApplyRequest) request = NULL;
  g_autoptr(MatouApplyRequest) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  const char *engines[] = { "20.10.24+dfsg1", "25.0.0", NULL };

  request = matou_apply_request_parse (input, size, &error);
  if (request == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == MATOU_ERROR && error->message[0] != '\0');
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (engines); i++)
    {
      g_autoptr(GError) invalid = NULL;

      if (!matou_apply_request_validate (request, engines[i], &invalid))
        FUZZ_CHECK (invalid != NULL && invalid->message[0] != '\0');
      else
        FUZZ_CHECK (invalid == NULL);
    }

  /* What the GUI sends is what the helper reads. */
  json = matou_apply_request_to_json (request);
  again = matou_apply_request_parse (json, -1, &error);
  FUZZ_CHECK (again != NULL);
  json_again = matou_apply_request_to_json (again);
  FUZZ_CHECK (g_str_equal (json, json_again));

  return 0;
}
