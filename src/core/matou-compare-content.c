/* The Compare page's content (data/compare/compare.xml): options, criteria, the comparison table and articles, translated as it loads. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "matou-compare-content.h"
#include "matou-error.h"
#include "matou-markup.h"

/* GMarkup puts the position in front (G_MARKUP_PREFIX_ERROR_POSITION). */
#define fail(context, error, ...) matou_markup_fail (context, NULL, error, __VA_ARGS__)

/*
 * The file's structure, strictly: an element may only appear inside the
 * parent named here, with the attributes named here. Leaves hold text;
 * their text is translated unless they are commands or say
 * its:translate="no" (data/its/matou-content.its extracts the same ones).
 */
typedef struct {
  const char *parent;
  const char *element;
  gboolean    leaf;
  const char *attributes[4];     /* the first ones, up to `required`, must be there */
  guint       required;
} ElementRule;

static const ElementRule element_rules[] = {
  { NULL, "matou-content", FALSE, { "xmlns:its" }, 0 },
  { "matou-content", "criteria", FALSE, { NULL }, 0 },
  { "criteria", "criterion", FALSE, { "id" }, 1 },
  { "criterion", "name", TRUE, { NULL }, 0 },
  { "criterion", "description", TRUE, { NULL }, 0 },
  { "matou-content", "options", FALSE, { NULL }, 0 },
  { "options", "option", FALSE, { "id", "main", "page" }, 1 },
  { "option", "name", TRUE, { "its:translate" }, 0 },
  { "option", "short", TRUE, { "its:translate" }, 0 },
  { "option", "summary", TRUE, { NULL }, 0 },
  { "option", "advantages", FALSE, { NULL }, 0 },
  { "option", "disadvantages", FALSE, { NULL }, 0 },
  { "option", "choose", FALSE, { NULL }, 0 },
  { "option", "start", FALSE, { NULL }, 0 },
  { "option", "matrix", FALSE, { NULL }, 0 },
  { "advantages", "item", TRUE, { NULL }, 0 },
  { "disadvantages", "item", TRUE, { NULL }, 0 },
  { "choose", "item", TRUE, { NULL }, 0 },
  { "start", "step", FALSE, { NULL }, 0 },
  { "step", "text", TRUE, { NULL }, 0 },
  { "step", "command", TRUE, { NULL }, 0 },
  { "matrix", "cell", FALSE, { "criterion", "level" }, 2 },
  { "cell", "rating", TRUE, { NULL }, 0 },
  { "cell", "phrase", TRUE, { NULL }, 0 },
  { "matou-content", "articles", FALSE, { NULL }, 0 },
  { "articles", "article", FALSE, { "id", "kind", "page" }, 2 },
  { "article", "title", TRUE, { "its:translate" }, 0 },
  { "article", "summary", TRUE, { NULL }, 0 },
  { "article", "section", FALSE, { NULL }, 0 },
  { "section", "title", TRUE, { "its:translate" }, 0 },
  { "section", "p", TRUE, { NULL }, 0 },
  { "section", "item", TRUE, { NULL }, 0 },
  { "section", "command", TRUE, { NULL }, 0 },
  { "section", "link", TRUE, { "page" }, 1 },
};

typedef struct {
  MatouMarkupLeaf      leaf;           /* the open leaf's text */
  MatouCompareContent *content;
  GPtrArray           *stack;          /* const char *: the open elements */
  gboolean             translatable;   /* … and whether the leaf is translated */
  char                *link_page;
  MatouCompareCriterion *criterion;
  MatouCompareOption  *option;
  MatouCompareStep    *step;
  MatouCompareCell    *cell;
  char                *cell_criterion;
  MatouCompareArticle *article;
  MatouCompareSection *section;
} Parser;

static void
criterion_free (MatouCompareCriterion *criterion)
{
  g_free (criterion->id);
  g_free (criterion->name);
  g_free (criterion->description);
  g_free (criterion);
}

static void
cell_free (MatouCompareCell *cell)
{
  g_free (cell->rating);
  g_free (cell->phrase);
  g_free (cell);
}

static void
step_free (MatouCompareStep *step)
{
  g_free (step->text);
  g_free (step->command);
  g_free (step);
}

static void
option_free (MatouCompareOption *option)
{
  g_free (option->id);
  g_free (option->page);
  g_free (option->name);
  g_free (option->short_name);
  g_free (option->summary);
  g_ptr_array_unref (option->advantages);
  g_ptr_array_unref (option->disadvantages);
  g_ptr_array_unref (option->choose);
  g_ptr_array_unref (option->start);
  g_ptr_array_unref (option->cells);
  g_free (option);
}

static void
block_free (MatouCompareBlock *block)
{
  g_free (block->text);
  g_free (block->page);
  g_free (block);
}

static void
section_free (MatouCompareSection *section)
{
  g_free (section->title);
  g_ptr_array_unref (section->blocks);
  g_free (section);
}

static void
article_free (MatouCompareArticle *article)
{
  g_free (article->id);
  g_free (article->kind);
  g_free (article->page);
  g_free (article->title);
  g_free (article->summary);
  g_ptr_array_unref (article->sections);
  g_free (article);
}

static void
content_clear (MatouCompareContent *content)
{
  g_clear_pointer (&content->criteria, g_ptr_array_unref);
  g_clear_pointer (&content->options, g_ptr_array_unref);
  g_clear_pointer (&content->articles, g_ptr_array_unref);
  g_clear_pointer (&content->msgids, g_ptr_array_unref);
}

MatouCompareContent *
matou_compare_content_ref (MatouCompareContent *content)
{
  return g_atomic_rc_box_acquire (content);
}

void
matou_compare_content_unref (MatouCompareContent *content)
{
  g_atomic_rc_box_release_full (content, (GDestroyNotify) content_clear);
}

static const char *
current_element (Parser *parser)
{
  return parser->stack->len > 0 ? g_ptr_array_index (parser->stack, parser->stack->len - 1) : NULL;
}

static const ElementRule *
find_element_rule (const char *parent,
                   const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_rules); i++)
    if (g_strcmp0 (element_rules[i].parent, parent) == 0 && g_str_equal (element_rules[i].element, element))
      return &element_rules[i];

  return NULL;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];

  return NULL;
}

static gboolean
check_attributes (GMarkupParseContext  *context,
                  const ElementRule    *rule,
                  const char          **names,
                  const char          **values,
                  GError              **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (rule->attributes) && rule->attributes[j] != NULL; j++)
        known |= g_str_equal (names[i], rule->attributes[j]);
      if (!known)
        return fail (context, error, "<%s> has an unknown attribute “%s”", rule->element, names[i]);
      if (*values[i] == '\0')
        return fail (context, error, "<%s %s> is empty", rule->element, names[i]);
    }
  for (guint j = 0; j < rule->required; j++)
    if (attribute (names, values, rule->attributes[j]) == NULL)
      return fail (context, error, "<%s> needs the attribute “%s”", rule->element, rule->attributes[j]);

  return TRUE;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Parser *parser = user_data;
  const char *parent = current_element (parser);
  const ElementRule *rule = find_element_rule (parent, element);
  const char *translate;

  if (rule == NULL)
    {
      if (parent == NULL)
        fail (context, error, "this is not a Matou content file (<%s>)", element);
      else
        fail (context, error, "<%s> is not allowed in <%s>", element, parent);
      return;
    }
  if (!check_attributes (context, rule, names, values, error))
    return;

  g_ptr_array_add (parser->stack, (gpointer) rule->element);

  if (rule->leaf)
    {
      translate = attribute (names, values, "its:translate");
      if (translate != NULL && !g_str_equal (translate, "no"))
        {
          fail (context, error, "its:translate can only be “no”");
          return;
        }
      matou_markup_leaf_begin (&parser->leaf);
      parser->translatable = translate == NULL && !g_str_equal (element, "command");
      g_clear_pointer (&parser->link_page, g_free);
      parser->link_page = g_strdup (attribute (names, values, "page"));
      return;
    }

  if (g_str_equal (element, "criterion"))
    {
      parser->criterion = g_new0 (MatouCompareCriterion, 1);
      parser->criterion->id = g_strdup (attribute (names, values, "id"));
      g_ptr_array_add (parser->content->criteria, parser->criterion);
    }
  else if (g_str_equal (element, "option"))
    {
      const char *main_option = attribute (names, values, "main");

      if (main_option != NULL && !g_str_equal (main_option, "yes"))
        {
          fail (context, error, "main can only be “yes”");
          return;
        }
      parser->option = g_new0 (MatouCompareOption, 1);
      parser->option->id = g_strdup (attribute (names, values, "id"));
      parser->option->main = main_option != NULL;
      parser->option->page = g_strdup (attribute (names, values, "page"));
      parser->option->advantages = g_ptr_array_new_with_free_func (g_free);
      parser->option->disadvantages = g_ptr_array_new_with_free_func (g_free);
      parser->option->choose = g_ptr_array_new_with_free_func (g_free);
      parser->option->start = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
      parser->option->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
      g_ptr_array_add (parser->content->options, parser->option);
    }
  else if (g_str_equal (element, "step"))
    {
      parser->step = g_new0 (MatouCompareStep, 1);
      g_ptr_array_add (parser->option->start, parser->step);
    }
  else if (g_str_equal (element, "cell"))
    {
      const char *level = attribute (names, values, "level");
      const char *criterion_id = attribute (names, values, "criterion");

      parser->cell = g_new0 (MatouCompareCell, 1);
      g_ptr_array_add (parser->option->cells, parser->cell);
      parser->cell->criterion = matou_compare_content_find_criterion (parser->content, criterion_id);
      if (parser->cell->criterion == NULL)
        {
          fail (context, error, "option “%s”: no criterion “%s” (criteria come first)", parser->option->id, criterion_id);
          return;
        }
      if (matou_compare_option_find_cell (parser->option, criterion_id) != parser->cell)
        {
          fail (context, error, "option “%s” rates “%s” twice", parser->option->id, criterion_id);
          return;
        }
      if (g_str_equal (level, "good"))
        parser->cell->level = MATOU_COMPARE_LEVEL_GOOD;
      else if (g_str_equal (level, "fair"))
        parser->cell->level = MATOU_COMPARE_LEVEL_FAIR;
      else if (g_str_equal (level, "poor"))
        parser->cell->level = MATOU_COMPARE_LEVEL_POOR;
      else if (g_str_equal (level, "neutral"))
        parser->cell->level = MATOU_COMPARE_LEVEL_NEUTRAL;
      else
        fail (context, error, "level “%s” is not good, fair, poor or neutral", level);
    }
  else if (g_str_equal (element, "article"))
    {
      const char *kind = attribute (names, values, "kind");

      if (!g_str_equal (kind, "scenario") && !g_str_equal (kind, "platform"))
        {
          fail (context, error, "kind “%s” is not scenario or platform", kind);
          return;
        }
      parser->article = g_new0 (MatouCompareArticle, 1);
      parser->article->id = g_strdup (attribute (names, values, "id"));
      parser->article->kind = g_strdup (kind);
      parser->article->page = g_strdup (attribute (names, values, "page"));
      parser->article->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
      g_ptr_array_add (parser->content->articles, parser->article);
    }
  else if (g_str_equal (element, "section"))
    {
      parser->section = g_new0 (MatouCompareSection, 1);
      parser->section->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
      g_ptr_array_add (parser->article->sections, parser->section);
    }
}

static char *
finish_text (Parser              *parser,
             GMarkupParseContext *context,
             const char          *element,
             GError             **error)
{
  g_autofree char *text = NULL;

  if (g_str_equal (element, "command"))
    {
      /* Kept as written, lines and all: it is copied, not read. */
      text = g_strstrip (g_strdup (parser->leaf.text->str));
      if (*text == '\0')
        return fail (context, error, "<command> is empty"), NULL;
      return g_steal_pointer (&text);
    }

  text = matou_markup_normalize_space (parser->leaf.text->str);
  if (*text == '\0')
    return fail (context, error, "<%s> is empty", element), NULL;
  if (!parser->translatable)
    return g_steal_pointer (&text);
  if (strpbrk (text, "&<>") != NULL)
    return fail (context, error, "“%s”: “&”, “<” and “>” cannot be translated (xgettext keeps them escaped)", text), NULL;

  g_ptr_array_add (parser->content->msgids, g_strdup (text));

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, text));
}

static void
end_leaf (Parser               *parser,
          GMarkupParseContext  *context,
          const char           *element,
          const char           *parent,
          GError              **error)
{
  char *text = finish_text (parser, context, element, error);

  if (text == NULL)
    return;

  if (g_str_equal (parent, "criterion"))
    {
      if (g_str_equal (element, "name"))
        matou_markup_set_once (&parser->criterion->name, text, context, NULL, element, error);
      else
        matou_markup_set_once (&parser->criterion->description, text, context, NULL, element, error);
    }
  else if (g_str_equal (parent, "option"))
    {
      if (g_str_equal (element, "name"))
        matou_markup_set_once (&parser->option->name, text, context, NULL, element, error);
      else if (g_str_equal (element, "short"))
        matou_markup_set_once (&parser->option->short_name, text, context, NULL, element, error);
      else
        matou_markup_set_once (&parser->option->summary, text, context, NULL, element, error);
    }
  else if (g_str_equal (parent, "advantages"))
    g_ptr_array_add (parser->option->advantages, text);
  else if (g_str_equal (parent, "disadvantages"))
    g_ptr_array_add (parser->option->disadvantages, text);
  else if (g_str_equal (parent, "choose"))
    g_ptr_array_add (parser->option->choose, text);
  else if (g_str_equal (parent, "step"))
    {
      if (g_str_equal (element, "text"))
        matou_markup_set_once (&parser->step->text, text, context, NULL, element, error);
      else
        matou_markup_set_once (&parser->step->command, text, context, NULL, element, error);
    }
  else if (g_str_equal (parent, "cell"))
    {
      if (g_str_equal (element, "rating"))
        matou_markup_set_once (&parser->cell->rating, text, context, NULL, element, error);
      else
        matou_markup_set_once (&parser->cell->phrase, text, context, NULL, element, error);
    }
  else if (g_str_equal (parent, "article"))
    {
      if (g_str_equal (element, "title"))
        matou_markup_set_once (&parser->article->title, text, context, NULL, element, error);
      else
        matou_markup_set_once (&parser->article->summary, text, context, NULL, element, error);
    }
  else if (g_str_equal (parent, "section") && g_str_equal (element, "title"))
    matou_markup_set_once (&parser->section->title, text, context, NULL, element, error);
  else
    {
      MatouCompareBlock *block = g_new0 (MatouCompareBlock, 1);

      if (g_str_equal (element, "p"))
        block->kind = MATOU_COMPARE_BLOCK_PARAGRAPH;
      else if (g_str_equal (element, "item"))
        block->kind = MATOU_COMPARE_BLOCK_ITEM;
      else if (g_str_equal (element, "command"))
        block->kind = MATOU_COMPARE_BLOCK_COMMAND;
      else
        block->kind = MATOU_COMPARE_BLOCK_LINK;
      block->text = text;
      block->page = g_steal_pointer (&parser->link_page);
      g_ptr_array_add (parser->section->blocks, block);
    }
}

static gboolean
check_option (GMarkupParseContext       *context,
              const MatouCompareContent *content,
              const MatouCompareOption  *option,
              GError                   **error)
{
  if (option->name == NULL || option->short_name == NULL || option->summary == NULL)
    return fail (context, error, "option “%s” needs a name, a short name and a summary", option->id);
  if (option->advantages->len == 0 || option->disadvantages->len == 0 || option->choose->len == 0)
    return fail (context, error, "option “%s” needs advantages, disadvantages and when to choose it", option->id);
  if (option->start->len == 0)
    return fail (context, error, "option “%s” needs the steps to start", option->id);
  for (guint i = 0; i < option->start->len; i++)
    if (((MatouCompareStep *) g_ptr_array_index (option->start, i))->text == NULL)
      return fail (context, error, "option “%s”: every step needs a text", option->id);
  if (option->cells->len != content->criteria->len)
    return fail (context, error, "option “%s” rates %u criteria of %u", option->id,
                 option->cells->len, content->criteria->len);
  for (guint i = 0; i < option->cells->len; i++)
    {
      MatouCompareCell *cell = g_ptr_array_index (option->cells, i);

      if (cell->rating == NULL || cell->phrase == NULL)
        return fail (context, error, "option “%s”, criterion “%s”: a cell needs a rating and a phrase",
                     option->id, cell->criterion->id);
      if (cell->criterion != g_ptr_array_index (content->criteria, i))
        return fail (context, error, "option “%s”: the cells are not in the criteria’s order", option->id);
    }

  return TRUE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Parser *parser = user_data;
  const char *parent;

  g_ptr_array_remove_index (parser->stack, parser->stack->len - 1);
  parent = current_element (parser);

  if (matou_markup_leaf_end (&parser->leaf))
    {
      end_leaf (parser, context, element, parent, error);
      return;
    }

  if (g_str_equal (element, "criterion"))
    {
      if (parser->criterion->name == NULL || parser->criterion->description == NULL)
        fail (context, error, "criterion “%s” needs a name and a description", parser->criterion->id);
      else if (matou_compare_content_find_criterion (parser->content, parser->criterion->id) != parser->criterion)
        fail (context, error, "two criteria are called “%s”", parser->criterion->id);
      parser->criterion = NULL;
    }
  else if (g_str_equal (element, "option"))
    {
      if (check_option (context, parser->content, parser->option, error) &&
          matou_compare_content_find_option (parser->content, parser->option->id) != parser->option)
        fail (context, error, "two options are called “%s”", parser->option->id);
      parser->option = NULL;
    }
  else if (g_str_equal (element, "step"))
    parser->step = NULL;
  else if (g_str_equal (element, "cell"))
    parser->cell = NULL;
  else if (g_str_equal (element, "section"))
    {
      if (parser->section->title == NULL || parser->section->blocks->len == 0)
        fail (context, error, "article “%s”: a section needs a title and something in it", parser->article->id);
      parser->section = NULL;
    }
  else if (g_str_equal (element, "article"))
    {
      MatouCompareArticle *article = parser->article;

      if (article->title == NULL || article->summary == NULL)
        fail (context, error, "article “%s” needs a title and a summary", article->id);
      else if (article->page == NULL && article->sections->len == 0)
        fail (context, error, "article “%s” is empty", article->id);
      else if (matou_compare_content_find_article (parser->content, article->id) != article)
        fail (context, error, "two articles are called “%s”", article->id);
      parser->article = NULL;
    }
}

/**
 * matou_compare_content_new_from_data:
 *
 * Parses the content file and translates its texts through gettext.
 * Refuses (%MATOU_ERROR_PARSE, with the line) anything but the expected
 * structure, and options that lack a field or a rating.
 */
MatouCompareContent *
matou_compare_content_new_from_data (const char  *data,
                                     gssize       length,
                                     GError     **error)
{
  g_autoptr(MatouCompareContent) content = g_atomic_rc_box_new0 (MatouCompareContent);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) buffer = g_string_new (NULL);
  Parser parser = { .leaf = { .text = buffer, .strict = TRUE }, .content = content, .stack = stack };
  gboolean parsed;

  g_return_val_if_fail (data != NULL, NULL);

  content->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_free);
  content->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  content->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) article_free);
  content->msgids = g_ptr_array_new_with_free_func (g_free);

  parsed = matou_markup_parse (start_element, end_element, G_MARKUP_PREFIX_ERROR_POSITION, &parser.leaf,
                               data, length, NULL, error);
  g_free (parser.link_page);
  if (!parsed)
    return NULL;

  if (content->criteria->len == 0 || content->options->len == 0)
    return fail (NULL, error, "no criteria or no options"), NULL;

  return g_steal_pointer (&content);
}

MatouCompareContent *
matou_compare_content_new_from_bytes (GBytes  *bytes,
                                      GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return matou_compare_content_new_from_data (data != NULL ? data : "", length, error);
}

const MatouCompareOption *
matou_compare_content_find_option (const MatouCompareContent *content,
                                   const char                *id)
{
  for (guint i = 0; i < content->options->len; i++)
    {
      const MatouCompareOption *option = g_ptr_array_index (content->options, i);

      if (g_strcmp0 (option->id, id) == 0)
        return option;
    }

  return NULL;
}

const MatouCompareCriterion *
matou_compare_content_find_criterion (const MatouCompareContent *content,
                                      const char                *id)
{
  for (guint i = 0; i < content->criteria->len; i++)
    {
      const MatouCompareCriterion *criterion = g_ptr_array_index (content->criteria, i);

      if (g_strcmp0 (criterion->id, id) == 0)
        return criterion;
    }

  return NULL;
}

const MatouCompareArticle *
matou_compare_content_find_article (const MatouCompareContent *content,
                                    const char                *id)
{
  for (guint i = 0; i < content->articles->len; i++)
    {
      const MatouCompareArticle *article = g_ptr_array_index (content->articles, i);

      if (g_strcmp0 (article->id, id) == 0)
        return article;
    }

  return NULL;
}

const MatouCompareCell *
matou_compare_option_find_cell (const MatouCompareOption *option,
                                const char               *criterion_id)
{
  for (guint i = 0; i < option->cells->len; i++)
    {
      const MatouCompareCell *cell = g_ptr_array_index (option->cells, i);

      if (cell->criterion != NULL && g_strcmp0 (cell->criterion->id, criterion_id) == 0)
        return cell;
    }

  return NULL;
}
