/*
 * serve_session.h: calibration sessions in egf serve (docs/sessions.md): the
 * API of proposals, outcomes, the lock, the live state, the exports; the
 * session pages. Handlers are listed in serve_route.c's table; the core of
 * each write (find the session, check the caller, check the lock and the
 * revision, record) is shared by the API and the page forms, so that the two
 * cannot answer differently.
 */
#ifndef EGF_SERVE_SESSION_H
#define EGF_SERVE_SESSION_H

#include "serve.h"

/* API: /api/v1/cycles/{cycle}/sessions/{session}/... */
void api_session_proposal(struct request *r);
void api_session_outcome(struct request *r);
void api_session_lock(struct request *r);
void api_session_state(struct request *r);
void api_session_report(struct request *r);
void api_session_audit(struct request *r);

/* Pages: /sessions, /sessions/{cycle}/{session} and their forms; the static files. */
void page_sessions(struct request *r);
void page_session_create(struct request *r);
void page_session(struct request *r);
void page_session_outcome(struct request *r);
void page_session_proposal(struct request *r);
void page_session_lock(struct request *r);
void page_session_js(struct request *r);
void page_session_css(struct request *r);

#endif
