/* The Compare page's content (data/compare/compare.xml): options, criteria, the comparison table and articles, translated as it loads. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the GUI's resources hold the file. */
#define MATOU_COMPARE_CONTENT_RESOURCE "/io/github/matou/Matou/compare/compare.xml"

typedef enum {
  MATOU_COMPARE_LEVEL_NEUTRAL,   /* a fact, not a judgement (typical use) */
  MATOU_COMPARE_LEVEL_GOOD,
  MATOU_COMPARE_LEVEL_FAIR,
  MATOU_COMPARE_LEVEL_POOR,
} MatouCompareLevel;

typedef struct {
  char *id;
  char *name;                    /* translated, as every text below */
  char *description;
} MatouCompareCriterion;

typedef struct {
  const MatouCompareCriterion *criterion;
  MatouCompareLevel            level;
  char                        *rating;       /* one or two words */
  char                        *phrase;
} MatouCompareCell;

typedef struct {
  char *text;
  char *command;                 /* NULL, or what the copy button copies; never translated */
} MatouCompareStep;

typedef struct {
  char      *id;
  gboolean   main;               /* one of the four options people usually name */
  char      *page;               /* NULL, or the window page that is its next step ("install") */
  char      *name;
  char      *short_name;         /* for table headings */
  char      *summary;            /* what it is, in two sentences */
  GPtrArray *advantages;         /* char * */
  GPtrArray *disadvantages;      /* char * */
  GPtrArray *choose;             /* char *: when to choose it */
  GPtrArray *start;              /* MatouCompareStep *: how to start */
  GPtrArray *cells;              /* MatouCompareCell *, one per criterion, in the criteria's order */
} MatouCompareOption;

typedef enum {
  MATOU_COMPARE_BLOCK_PARAGRAPH,
  MATOU_COMPARE_BLOCK_ITEM,
  MATOU_COMPARE_BLOCK_COMMAND,   /* text is the command, untranslated */
  MATOU_COMPARE_BLOCK_LINK,      /* text is a button label; page the window page it opens */
} MatouCompareBlockKind;

typedef struct {
  MatouCompareBlockKind  kind;
  char                  *text;
  char                  *page;
} MatouCompareBlock;

typedef struct {
  char      *title;
  GPtrArray *blocks;             /* MatouCompareBlock * */
} MatouCompareSection;

typedef struct {
  char      *id;
  char      *kind;               /* "scenario" or "platform" */
  char      *page;               /* NULL, or a window page that replaces the article ("install") */
  char      *title;
  char      *summary;
  GPtrArray *sections;           /* MatouCompareSection * */
} MatouCompareArticle;

typedef struct _MatouCompareContent MatouCompareContent;

struct _MatouCompareContent
{
  GPtrArray *criteria;           /* MatouCompareCriterion * */
  GPtrArray *options;            /* MatouCompareOption * */
  GPtrArray *articles;           /* MatouCompareArticle * */
  GPtrArray *msgids;             /* char *: every text looked up in the catalogue, untranslated */
};

MatouCompareContent         *matou_compare_content_new_from_data  (const char                *data,
                                                                   gssize                     length,
                                                                   GError                   **error);
MatouCompareContent         *matou_compare_content_new_from_bytes (GBytes                    *bytes,
                                                                   GError                   **error);
MatouCompareContent         *matou_compare_content_ref            (MatouCompareContent       *content);
void                         matou_compare_content_unref          (MatouCompareContent       *content);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouCompareContent, matou_compare_content_unref)

const MatouCompareOption    *matou_compare_content_find_option    (const MatouCompareContent *content,
                                                                   const char                *id);
const MatouCompareCriterion *matou_compare_content_find_criterion (const MatouCompareContent *content,
                                                                   const char                *id);
const MatouCompareArticle   *matou_compare_content_find_article   (const MatouCompareContent *content,
                                                                   const char                *id);
const MatouCompareCell      *matou_compare_option_find_cell       (const MatouCompareOption  *option,
                                                                   const char                *criterion_id);

G_END_DECLS
