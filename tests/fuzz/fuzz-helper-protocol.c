/* The helper's lines as the GUI reads them: every line parsed; a result line written back reads as the same result. */
#include <string.h>

#include "fuzz-common.h"
#include "matou-error.h"
#include "matou-helper-protocol.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (input, "\n", 64);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouHelperEvent) event = matou_helper_event_parse (lines[i], &error);
      g_autoptr(MatouHelperResult) result = NULL;
      g_autofree char *line = NULL;
      g_autofree char *line_again = NULL;

      if (event == NULL)
        {
          FUZZ_CHECK (error != NULL && error->message[0] != '\0');
          continue;
        }
      FUZZ_CHECK (error == NULL);
      if (event->type != MATOU_HELPER_EVENT_RESULT)
        continue;

      FUZZ_CHECK (event->result != NULL);
      line = matou_helper_result_to_line (event->result);
      result = matou_helper_result_new_from_line (line, &error);
      FUZZ_CHECK (result != NULL);
      line_again = matou_helper_result_to_line (result);
      FUZZ_CHECK (g_str_equal (line, line_again));
    }

  return 0;
}
