/* The decision guide: its questions, and the one table of rules that ranks the ways to ship a Python app. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;
  const char *label;            /* untranslated; what the answer's button says */
} MatouAdvisorAnswer;

typedef struct {
  const char               *id;
  const char               *text;     /* untranslated; the question */
  const char               *hint;     /* untranslated; what it is about, or NULL */
  const MatouAdvisorAnswer *answers;  /* ends with an entry whose id is NULL */
} MatouAdvisorQuestion;

/* Answering @question with @answer moves @option by @weight, for @reason. */
typedef struct {
  const char *question;
  const char *answer;
  const char *option;
  int         weight;
  const char *criterion;        /* the comparison criterion the reason is about */
  const char *reason;           /* untranslated */
} MatouAdvisorRule;

typedef struct {
  const char *option;           /* the option's id, as in data/compare/compare.xml */
  int         score;
  GPtrArray  *reasons;          /* const MatouAdvisorRule *, strongest first */
  const MatouAdvisorRule *excluded_by;  /* the first answer that rules the option out, or NULL */
} MatouAdvisorRanking;

void                        matou_advisor_ranking_free  (MatouAdvisorRanking *ranking);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouAdvisorRanking, matou_advisor_ranking_free)

const MatouAdvisorQuestion *matou_advisor_get_questions (guint                       *n_questions);
const MatouAdvisorQuestion *matou_advisor_find_question (const char                  *question_id);
const MatouAdvisorAnswer   *matou_advisor_find_answer   (const MatouAdvisorQuestion  *question,
                                                         const char                  *answer_id);
const char * const         *matou_advisor_get_options   (void);
const MatouAdvisorRule     *matou_advisor_get_rules     (guint                       *n_rules);
gboolean                    matou_advisor_rule_excludes (const MatouAdvisorRule      *rule);

GPtrArray                  *matou_advisor_rank          (GHashTable                  *answers);

G_END_DECLS
