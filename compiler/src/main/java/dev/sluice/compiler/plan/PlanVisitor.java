package dev.sluice.compiler.plan;

/** Visits the plan; each method's default visits nothing (or, for the plan, every part) and returns null. */
public interface PlanVisitor<R> {

    default R visitPlan(Plan plan) {
        plan.global().accept(this);
        plan.frontends().forEach(f -> f.accept(this));
        plan.backends().forEach(b -> b.accept(this));
        plan.userlists().forEach(u -> u.accept(this));
        plan.peers().forEach(p -> p.accept(this));
        plan.resolvers().forEach(r -> r.accept(this));
        plan.httpErrors().forEach(h -> h.accept(this));
        plan.otherSections().forEach(s -> s.accept(this));
        return null;
    }

    default R visitGlobal(Global global) {
        return null;
    }

    default R visitFrontend(Frontend frontend) {
        return null;
    }

    default R visitBackend(Backend backend) {
        return null;
    }

    default R visitUserList(UserList userlist) {
        return null;
    }

    default R visitPeers(Peers peers) {
        return null;
    }

    default R visitResolvers(Resolvers resolvers) {
        return null;
    }

    default R visitHttpErrors(HttpErrors httpErrors) {
        return null;
    }

    default R visitRawSection(RawSection section) {
        return null;
    }
}
