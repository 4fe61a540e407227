/* The Compare page's content file: loaded or refused with words; what loads can be looked up. */
#include "fuzz-common.h"
#include "matou-compare-content.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouCompareContent) content = matou_compare_content_new_from_data (input, size, &error);

  if (content == NULL)
    {
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      return 0;
    }

  for (guint i = 0; i < content->options->len; i++)
    {
      const MatouCompareOption *option = content->options->pdata[i];

      FUZZ_CHECK (matou_compare_content_find_option (content, option->id) != NULL);
      for (guint j = 0; j < content->criteria->len; j++)
        {
          const MatouCompareCriterion *criterion = content->criteria->pdata[j];

          matou_compare_option_find_cell (option, criterion->id);
        }
    }
  for (guint i = 0; i < content->articles->len; i++)
    {
      const MatouCompareArticle *article = content->articles->pdata[i];

      FUZZ_CHECK (matou_compare_content_find_article (content, article->id) == article);
    }

  return 0;
}
