/**
 * @file smtpreply.hpp
 * smtpreply: a header-only, zero-allocation parser for SMTP server replies
 * (RFC 5321 section 4.2, RFC 3463 enhanced status codes).
 *
 * Example:
 * @code
 *   smtpreply::parse_result r = smtpreply::parse_reply("421 4.3.2 Shutting down\r\n");
 *   if (r && r.value.is_transient()) retry_later();
 * @endcode
 */
#ifndef SMTPREPLY_SMTPREPLY_HPP
#define SMTPREPLY_SMTPREPLY_HPP

#include "catalog.hpp"   // explanations, advice, comparisons
#include "classify.hpp"  // why a reply failed (reasons)
#include "command.hpp"
#include "command_replies.hpp"
#include "core.hpp"  // the parser
#include "ehlo.hpp"
#include "ehlo_keywords.hpp"
#include "session.hpp"
#include "starttls.hpp"

#endif  // SMTPREPLY_SMTPREPLY_HPP
