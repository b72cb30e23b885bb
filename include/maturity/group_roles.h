/*
 * group_roles.h - which roles of a group a view may show, under the
 * privacy rule of MT_GROUP_ROLE_MIN (group.h), so that the PDF report
 * and the workbook show exactly the same by-role columns.
 *
 * A role with at least MT_GROUP_ROLE_MIN respondents is a column of its
 * own. The smaller roles (the respondents without a role count as one)
 * are counted together as "other roles"; while those are still fewer than
 * MT_GROUP_ROLE_MIN, the smallest role shown joins them, since the group's
 * totals minus the roles shown would otherwise give them away. What is
 * still too few is in no column. docs/group-statistics.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef MATURITY_GROUP_ROLES_H
#define MATURITY_GROUP_ROLES_H

#include <stdbool.h>
#include <stddef.h>

#include "maturity/error.h"
#include "maturity/group.h"

/** mt_role_col.role of the "other roles" column. */
#define MT_ROLE_OTHER (-1L)

/** One column of the views by role. */
typedef struct mt_role_col {
    long role;                   /**< index into g->roles, or MT_ROLE_OTHER */
    size_t n;                    /**< respondents */
    const mt_group_stat *stats;  /**< per construct (q->nconstructs) */
    const mt_result *result;     /**< the column's own result */
} mt_role_col;

typedef struct mt_role_view {
    mt_role_col *cols;           /**< roles in g->roles order, "other roles" last */
    size_t ncols;
    bool *in_other;              /**< per role of g: counted under "other roles" */
    size_t other_n;              /**< respondents under "other roles" (0 when no column) */
    size_t small_roles;          /**< roles under the minimum */
    size_t joined;               /**< roles at or over it that joined them */
    size_t hidden;               /**< respondents in no column (only when the whole group is too small) */
    /**
     * Worth a view by role: some column apart from the whole group itself
     * ("other roles" alone, or only the respondents without a role, is the
     * whole group again).
     */
    bool shown;
    /* private: each role's column (-1: none); "other roles"' statistics and result */
    long *col_of;
    mt_group_stat *other_stats;
    mt_result other_result;
} mt_role_view;

/**
 * The columns of g's views by role, with the statistics and result of
 * "other roles" built from its members as group.c builds a role's: the
 * construct statistics of the sufficient scores, the mean coverage, then
 * the scorer's rules. MT_OK or MT_ERROR_NOMEM (*out then empty).
 */
mt_error group_roles_view(const mt_group *g, mt_role_view *out);
void group_roles_view_free(mt_role_view *v);

/** The column respondent `member` is counted in, or -1 for none. */
long group_roles_col_of(const mt_group *g, const mt_role_view *v, size_t member);

#endif
