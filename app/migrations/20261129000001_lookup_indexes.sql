-- Indexes for what is looked up by child, year or organisation. Why: the
-- report reads each child's first referral and an organisation's
-- meetings and events; without them, a national-scale database scanned
-- every referral of the country for each child (0.8 s per organisation).
CREATE INDEX referrals_child ON referrals(child_id);
CREATE INDEX consents_child ON consents(child_id);
CREATE INDEX authorised_adults_child ON authorised_adults(child_id);
CREATE INDEX holidays_year ON holidays(school_year_id);
CREATE INDEX accompanists_organisation ON accompanists(organisation_id);
CREATE INDEX guardians_organisation ON guardians(organisation_id);
CREATE INDEX schools_organisation ON schools(organisation_id);
CREATE INDEX school_liaisons_organisation ON school_liaisons(organisation_id, met_on);
CREATE INDEX partner_meetings_organisation ON partner_meetings(organisation_id, met_on);
CREATE INDEX family_events_organisation ON family_events(organisation_id, on_date);
CREATE INDEX organisations_territory ON organisations(territory_code);
